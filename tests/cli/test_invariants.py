"""Issue 12, the app's half, as real ``motcua`` processes: outputs never clobber, roles are enforced on the
command line, failed sign-ins lock, the data folder is private, the audit chain catches what matters, odd
arguments get a message (never a traceback), and a restore refuses another office's backup."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import run_cli
from tests.conftest import ADMIN_PASSWORD, OFFICE_CODE
from tests.helpers.chain import recompute_chain
from tests.helpers.raw import raw_connect, raw_sql

pytestmark = pytest.mark.slow
GOOD_ID = "001085012345"
DB = "motcua.sqlite3"


def motcua(data_dir: Path, *args: str | bytes, admin: bool = False) -> subprocess.CompletedProcess[str]:
    """One ``motcua`` process; without ``admin`` it has no password file (as a clerk at the counter)."""
    env = {k: v for k, v in os.environ.items() if k != "MOTCUA_ADMIN_PASSWORD_FILE"}
    env.update({"MOTCUA_DATA_DIR": str(data_dir), "MOTCUA_LANG": "vi"})
    if admin:
        env["MOTCUA_ADMIN_PASSWORD_FILE"] = os.environ["MOTCUA_ADMIN_PASSWORD_FILE"]
    proc = subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert "Traceback" not in proc.stderr and proc.returncode != 70, proc.stderr
    return proc


def receive(data_dir: Path, name: str = "Lê An") -> str:
    proc = motcua(data_dir, "dossier", "receive", "--procedure", "1.004873", "--name", name, "--id-number", GOOD_ID,
                  "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["code"]


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    """The same CLI in this process (faster) for the many variants of a case one real process already showed."""
    code = run_cli(["--data-dir", str(data_dir), *args])
    return code, capsys.readouterr().err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- item 7: outputs never clobber ------------------------------------------------------------------------
def test_out_refuses_the_store_existing_files_and_symlinks(capsys, data_dir, tmp_path):
    code = receive(data_dir)
    live = data_dir / DB
    before = digest(live)
    proc = motcua(data_dir, "print", "receipt", code, "--out", str(live))
    assert proc.returncode == 2 and "thư mục dữ liệu" in proc.stderr
    assert run(capsys, data_dir, "print", "receipt", code, "--out", str(live), "--force")[0] == 2
    assert run(capsys, data_dir, "backup", "--out", str(data_dir / "copy.sqlite3"))[0] == 2
    assert digest(live) == before and not (data_dir / "copy.sqlite3").exists()

    existing = tmp_path / "mine.pdf"
    existing.write_bytes(b"my own file")
    for args in (
        ("print", "receipt", code),
        ("backup",),
        ("diagnostics",),
        ("export", "daily", "--date", "2026-11-16", "--format", "csv"),
    ):
        status, err = run(capsys, data_dir, *args, "--out", str(existing))
        assert status == 2 and "--force" in err, (args, err)
        assert existing.read_bytes() == b"my own file"
    assert run(capsys, data_dir, "print", "receipt", code, "--out", str(existing), "--force")[0] == 0
    assert existing.read_bytes().startswith(b"%PDF")

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "link.pdf"
    link.symlink_to(victim)
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path / "nowhere.pdf")
    proc = motcua(data_dir, "print", "receipt", code, "--out", str(link))
    assert proc.returncode == 2 and "symlink" in proc.stderr
    for target in (link, dangling):
        for force in ((), ("--force",)):
            status, err = run(capsys, data_dir, "print", "receipt", code, "--out", str(target), *force)
            assert status == 2 and "symlink" in err
    assert victim.read_text() == "keep me" and not (tmp_path / "nowhere.pdf").exists()
    assert not list(tmp_path.glob(".*.part"))

    # a pipe (or, as root, a device such as /dev/full): --force replaced it by a regular file and said "written"
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    for args in (("print", "receipt", code), ("backup",), ("export", "daily", "--date", "2026-11-16", "--format",
                                                          "csv")):
        status, err = run(capsys, data_dir, *args, "--out", str(pipe), "--force")
        assert status == 2 and "không phải tệp thường" in err, (args, err)
        assert stat.S_ISFIFO(pipe.lstat().st_mode)


# -- item 12: roles on the command line, lockout, a private data folder ---------------------------------
def test_clerk_work_needs_no_password_but_admin_commands_do(capsys, monkeypatch, admin_password_file, data_dir,
                                                            tmp_path):
    code = receive(data_dir)
    shown = json.loads(motcua(data_dir, "dossier", "show", code, "--json").stdout)
    assert shown["received_by"] == "clerk"
    assert motcua(data_dir, "dossier", "search", "Lê", "--json").returncode == 0
    pw = tmp_path / "new.txt"
    pw.write_text("mat-khau-moi-1")
    proc = motcua(data_dir, "user", "add", "mallory", "--full-name", "M", "--role", "admin", "--password-file", str(pw))
    assert proc.returncode == 2 and "--admin-password-file" in proc.stderr
    monkeypatch.delenv("MOTCUA_ADMIN_PASSWORD_FILE")
    for args in (
        ("user", "add", "mallory", "--full-name", "M", "--role", "admin", "--password-file", str(pw)),
        ("user", "list"),
        ("catalog", "set-fee", "1.004873", "1"),
        ("calendar", "set-day", "2026-11-18", "--name", "Nghỉ"),
        ("service", "add", "Q", "Dịch vụ Q"),
        ("counter", "set", "1", "--services", "A"),
        ("ticket", "settings", "--recalls", "1"),
        ("restore", str(tmp_path / "none.sqlite3")),
        ("backup-copy-folder", str(tmp_path)),
        ("export", "daily", "--date", "2026-11-16", "--format", "csv", "--out", str(tmp_path / "log.csv")),
    ):
        status, err = run(capsys, data_dir, *args)
        assert status == 2 and "--admin-password-file" in err, (args, err)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("khong-dung-dau")
    status, err = run(capsys, data_dir, "catalog", "set-fee", "1.004873", "1", "--admin-password-file", str(wrong))
    assert status == 2 and "sai tên đăng nhập hoặc mật khẩu" in err
    assert run(capsys, data_dir, "ticket", "settings")[0] == 0  # reading the options is everyday work
    monkeypatch.setenv("MOTCUA_ADMIN_PASSWORD_FILE", str(admin_password_file))

    add = ("user", "add", "giamsat", "--full-name", "Giám Sát", "--role", "supervisor", "--password-file", str(pw))
    assert motcua(data_dir, *add, admin=True).returncode == 0
    as_sup = ("--user", "giamsat", "--admin-password-file", str(pw))
    assert motcua(data_dir, "catalog", "set-fee", "1.004873", "50000", *as_sup).returncode == 0
    proc = motcua(data_dir, "user", "add", "boss", "--full-name", "B", "--role", "admin", "--password-file", str(pw),
                  *as_sup)
    assert proc.returncode == 2 and "quản trị" in proc.stderr
    status, err = run(capsys, data_dir, "restore", str(tmp_path / "none.sqlite3"), *as_sup)
    assert status == 2 and "quản trị" in err
    users = json.loads(motcua(data_dir, "user", "list", "--json", admin=True).stdout)
    assert {u["username"] for u in users} == {"admin", "clerk", "giamsat"}
    assert json.loads(motcua(data_dir, "audit", "verify", "--json").stdout)["ok"]


def test_failed_sign_ins_lock_the_account_then_a_reset_unlocks(data_dir, tmp_path):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("khong-dung-dau")
    assert motcua(data_dir, "user", "list", "--admin-password-file", str(wrong)).returncode == 2
    for _ in range(4):
        assert run_cli(["--data-dir", str(data_dir), "user", "list", "--admin-password-file", str(wrong)]) == 2
    right = tmp_path / "right.txt"
    right.write_text(ADMIN_PASSWORD)
    proc = motcua(data_dir, "user", "list", "--admin-password-file", str(right))
    assert proc.returncode == 2 and "tạm khoá" in proc.stderr  # locked: even the right password waits


def test_data_folder_and_files_are_owner_only(data_dir, tmp_path):
    if os.name != "posix":
        pytest.skip("POSIX modes")
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / DB, 0o644)  # a store made by an earlier version
    receive(data_dir)
    assert motcua(data_dir, "backup-auto", "--json", admin=True).returncode == 0
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    files = [data_dir / DB, data_dir / f"{DB}-wal", data_dir / "logs" / "motcua.log"]
    files += list((data_dir / "backups").rglob("*.sqlite3"))
    for path in files:
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    out = tmp_path / "b.sqlite3"
    assert motcua(data_dir, "backup", "--out", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# -- item 11: the audit chain ----------------------------------------------------------------------------
def _sql(data_dir: Path, *statements: str) -> None:
    raw_sql(data_dir / DB, *statements)


def _drop_row_triggers(data_dir: Path) -> list[str]:
    conn = raw_connect(data_dir / DB)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'audit_row_%'")]
    conn.close()
    return [f'DROP TRIGGER "{n}"' for n in names]


def test_audit_verify_finds_a_dossier_edited_directly_and_rows_deleted(data_dir):
    first, second = receive(data_dir), receive(data_dir, "Trần Bình")
    assert motcua(data_dir, "audit", "verify").returncode == 0
    _sql(data_dir, *_drop_row_triggers(data_dir), f"UPDATE dossiers SET applicant_name = 'X' WHERE code = '{first}'")
    proc = motcua(data_dir, "audit", "verify", "--json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 1 and [d["table"] for d in data["drift"]] == ["dossiers"]
    _sql(data_dir, "DROP TRIGGER dossier_events_no_delete",
         f"DELETE FROM dossier_events WHERE dossier_id = (SELECT id FROM dossiers WHERE code = '{second}')")
    data = json.loads(motcua(data_dir, "audit", "verify", "--json").stdout)
    assert {d["table"] for d in data["drift"]} == {"dossiers", "dossier_events"}


def test_audit_verify_finds_a_cut_tail_and_a_recomputed_chain(data_dir, tmp_path):
    receive(data_dir)
    for i in range(3):
        assert motcua(data_dir, "backup", "--out", str(tmp_path / f"b{i}.sqlite3")).returncode == 0
    head = json.loads((data_dir / "audit-anchor.json").read_text())
    _sql(data_dir, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE seq > {head['seq'] - 2}")
    proc = motcua(data_dir, "audit", "verify")
    assert proc.returncode == 1 and "shorter than its anchor" in proc.stdout

    # Recompute the whole chain after rewriting one old row: it checks out by itself, not against anchors.

    recompute_chain(data_dir / DB)
    (data_dir / "audit-anchor.json").unlink()  # the local anchor is gone too: only the server's anchors remain
    assert motcua(data_dir, "audit", "verify").returncode == 0
    anchors = tmp_path / "anchors.json"
    anchors.write_text(json.dumps([[head["seq"] - 3, "0" * 64]]), "utf-8-sig")  # saved by Notepad: a mark first
    proc = motcua(data_dir, "audit", "verify", "--anchors", str(anchors))
    assert proc.returncode == 1 and "anchor" in proc.stdout
    anchors.write_text("[[1, 2, 3]]")
    proc = motcua(data_dir, "audit", "verify", "--anchors", str(anchors))
    assert proc.returncode == 2 and "seq" in proc.stderr


# -- smaller ones: odd arguments and files, another office's backup ---------------------------------------
def test_odd_arguments_get_a_message_not_a_traceback(capsys, data_dir, tmp_path):
    bad_bytes = os.fsdecode(b"Th\xf4n \xff\xfe")  # invalid UTF-8 as it arrives from argv
    proc = motcua(data_dir, "dossier", "receive", "--procedure", "1.004873", "--name", "Lê An", "--id-number",
                  GOOD_ID, "--address", bad_bytes)
    assert proc.returncode == 2 and "--address" in proc.stderr
    proc = motcua(data_dir, "calendar", "list", "--year", "9" * 30)
    assert proc.returncode == 2 and "--year" in proc.stderr
    receive_at = ("dossier", "receive", "--procedure", "1.004873", "--name", "Lê An", "--id-number", GOOD_ID)
    for when in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"):
        status, err = run(capsys, data_dir, *receive_at, "--received-at", when)
        assert status == 2 and when in err
        apology = ("export", "apology", "X", "--out", str(tmp_path / "a.pdf"))
        status, err = run(capsys, data_dir, *apology, "--new-due", when)
        assert status == 2 and when in err
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000 + "]" * 5000)
    number = tmp_path / "number.json"
    number.write_text(json.dumps({"2027": [{"date": "2027-01-01", "kind": "holiday", "name_vi": "x", "source": 5}]}))
    for path in (deep, number):
        proc = motcua(data_dir, "calendar", "import", str(path), admin=True)
        assert proc.returncode == 2 and "Lịch ngày nghỉ" in proc.stderr, proc.stderr


def test_restore_refuses_another_offices_backup_unless_forced(data_dir, tmp_path):
    other = tmp_path / "other"
    init = ("init", "--office-code", "000.00.13.H62", "--office-name", "UBND xã B", "--json")
    made = motcua(other, *init)
    assert made.returncode == 0
    key_file = tmp_path / "other-recovery.txt"  # the other PC's backup opens only with its office recovery key
    key_file.write_text(json.loads(made.stdout)["recovery_key"] + "\n", "utf-8")
    backup = tmp_path / "b.sqlite3"
    assert motcua(other, "backup", "--out", str(backup)).returncode == 0
    receive(data_dir)
    proc = motcua(data_dir, "restore", str(backup), "--recovery-key-file", str(key_file), admin=True)
    assert proc.returncode == 2 and "000.00.13.H62" in proc.stderr and OFFICE_CODE in proc.stderr
    assert len(json.loads(motcua(data_dir, "dossier", "list", "--json").stdout)) == 1
    forced = motcua(data_dir, "restore", str(backup), "--force", "--recovery-key-file", str(key_file), admin=True)
    assert forced.returncode == 0, forced.stderr
    assert json.loads(motcua(data_dir, "dossier", "list", "--json").stdout) == []
    assert json.loads(motcua(data_dir, "audit", "verify", "--json").stdout)["ok"]
