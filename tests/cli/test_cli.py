"""The ``motcua`` command line run as a real process: messages, exit codes, JSON, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import OFFICE_CODE
from tests.helpers.raw import raw_connect

GOOD_ID = "001085012345"


def motcua(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MOTCUA_DATA_DIR": str(data_dir), "MOTCUA_LANG": "vi"}
    proc = subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_version():
    proc = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().startswith("motcua ")


def test_version_does_not_import_qt():
    code = (
        "import sys; from app.cli import run_cli; run_cli(['catalog', '--help']) if False else None; "
        "import app.cli.dossier_cmds, app.cli.setup_cmds; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.slow
def test_init_without_terminal_generates_a_password_once(tmp_path):
    data_dir = tmp_path / "data"
    proc = motcua(data_dir, "init", "--office-code", OFFICE_CODE, "--office-name", "UBND xã A", "--json")
    data = json.loads(proc.stdout)
    assert data["office_code"] == OFFICE_CODE and len(data["admin_password"]) >= 12
    init_again = ("init", "--office-code", OFFICE_CODE, "--office-name", "UBND xã A", "--json")
    refused = motcua(data_dir, *init_again, check=False)  # set up already: only the admin may change it
    assert refused.returncode == 2 and "mật khẩu" in refused.stderr
    (tmp_path / "pw").write_text(data["admin_password"], "utf-8")
    again = motcua(data_dir, *init_again, "--admin-password-file", str(tmp_path / "pw"))
    assert json.loads(again.stdout)["admin_password"] is None


@pytest.mark.slow
def test_receive_show_list_search_set_status(data_dir):
    proc = motcua(
        data_dir,
        "dossier",
        "receive",
        "--procedure",
        "2.000815",
        "--name",
        "Đặng Văn Mạnh",
        "--id-number",
        GOOD_ID,
        "--pages",
        "3",
        "--json",
    )
    d = json.loads(proc.stdout)
    assert {"code", "due_at", "status", "fee_vnd"} <= d.keys()
    assert d["status"] == 2 and d["fee_vnd"] == 5000 and d["code"].startswith(OFFICE_CODE + "-")
    code = d["code"]
    shown = json.loads(motcua(data_dir, "dossier", "show", code, "--json").stdout)
    assert shown["applicant_name"] == "Đặng Văn Mạnh" and shown["events"][0]["to_status"] == 2
    assert code in motcua(data_dir, "dossier", "list").stdout
    found = json.loads(motcua(data_dir, "dossier", "search", "dang van", "--json").stdout)
    assert [r["code"] for r in found] == [code]
    moved = json.loads(motcua(data_dir, "dossier", "set-status", code, "4", "--json").stdout)
    assert moved["status"] == 4 and moved["from_status"] == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--procedure", "1.004873", "--name", "A B", "--id-number", "123"], "Số định danh"),
        (["--procedure", "9.9", "--name", "Lê An", "--id-number", GOOD_ID], "Thủ tục"),
        (
            [
                "--procedure",
                "1.004873",
                "--name",
                "Lê An",
                "--id-number",
                GOOD_ID,
                "--received-at",
                "2026-02-30",
            ],
            "Thời điểm tiếp nhận",
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(data_dir, args, needle):
    proc = motcua(data_dir, "dossier", "receive", *args, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert json.loads(motcua(data_dir, "dossier", "list", "--json").stdout) == []


@pytest.mark.slow
def test_missing_reason_and_unknown_dossier(data_dir):
    code = json.loads(
        motcua(
            data_dir,
            "dossier",
            "receive",
            "--procedure",
            "1.004873",
            "--name",
            "Lê An",
            "--id-number",
            GOOD_ID,
            "--json",
        ).stdout
    )["code"]
    proc = motcua(data_dir, "dossier", "set-status", code, "3", check=False)
    assert proc.returncode == 2 and "Lý do" in proc.stderr
    proc = motcua(data_dir, "dossier", "show", OFFICE_CODE + "-200101-0001", check=False)
    assert proc.returncode == 4 and "Không tìm thấy" in proc.stderr


@pytest.mark.slow
def test_backup_restore_and_audit_verify(data_dir, tmp_path):
    motcua(data_dir, "dossier", "receive", "--procedure", "1.004873", "--name", "Lê An", "--id-number", GOOD_ID)
    motcua(data_dir, "backup", "--out", str(tmp_path / "b.sqlite3"))
    motcua(data_dir, "dossier", "receive", "--procedure", "1.004873", "--name", "Lê Bình", "--id-number", GOOD_ID)
    motcua(data_dir, "restore", str(tmp_path / "b.sqlite3"))
    rows = json.loads(motcua(data_dir, "dossier", "list", "--json").stdout)
    assert [r["applicant_name"] for r in rows] == ["Lê An"]
    verify = json.loads(motcua(data_dir, "audit", "verify", "--json").stdout)
    assert verify["ok"]
    (tmp_path / "junk.sqlite3").write_bytes(b"junk" * 500)
    proc = motcua(data_dir, "restore", str(tmp_path / "junk.sqlite3"), check=False)
    assert proc.returncode == 3 and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_audit_verify_fails_on_tampering(data_dir):
    motcua(data_dir, "dossier", "receive", "--procedure", "1.004873", "--name", "Lê An", "--id-number", GOOD_ID)
    conn = raw_connect(data_dir / "motcua.sqlite3")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET detail = '{}' WHERE seq = 2")
    conn.commit()
    conn.close()
    proc = motcua(data_dir, "audit", "verify", check=False)
    assert proc.returncode == 1 and "2" in proc.stdout


@pytest.mark.slow
def test_catalog_list_has_the_twenty_procedures(data_dir):
    rows = json.loads(motcua(data_dir, "catalog", "list", "--json").stdout)
    assert len(rows) == 20
    cert = next(r for r in rows if r["code"] == "2.000815")
    assert cert["fee_kind"] == "per_page"
    unset = next(r for r in rows if r["code"] == "1.004873")
    assert unset["fee_amount_vnd"] is None
