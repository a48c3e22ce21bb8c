"""``motcua hub backup`` / ``hub restore`` / the daily backup on a real hub folder, fast (no processes but one)."""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.services.hub_keys import AppHubKeys
from sync.hub import backup_daily, generation
from sync.hub import keys as hub_keys
from sync.hub.backup import backup_hub
from sync.hub.errors import HubError
from sync.hub.folder import HubFolder
from sync.hub.lock import HubLock
from sync.hub.restore import restore_hub
from tests.conftest import OFFICE_CODE
from tests.office.conftest import motcua
from tests.office.hubfolder import hub_connect, make_hub, recovery_file
from tests.sync.serverproc import REPO

NOW = datetime(2026, 12, 2, 3, 4, 5, tzinfo=UTC)


def _put(folder: HubFolder, *pairs: tuple[str, str]) -> None:
    db = hub_keys.open_database(folder, AppHubKeys())
    try:
        with db.transaction() as tx:
            tx.executemany("INSERT INTO hub_state (key, value) VALUES (?, ?)", list(pairs))
    finally:
        db.close()


def _state(path: Path, data_dir: Path | None = None) -> dict[str, str]:
    conn = hub_connect(path, data_dir)
    try:
        return dict(conn.execute("SELECT key, value FROM hub_state").fetchall())
    finally:
        conn.close()


def _digest(folder: HubFolder) -> dict[str, str]:
    """Every file of the hub folder but its locks (a restore takes them, as ``hub serve`` and a backup do)."""
    files = [p for p in sorted(folder.path.iterdir()) if p.is_file() and not p.name.endswith(".lock")]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _unzip_db(archive: Path, tmp: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extract("hub.sqlite3", tmp)
    return tmp / "hub.sqlite3"


def test_a_backup_taken_while_the_hub_writes_is_consistent_whole_and_private(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    db = hub_keys.open_database(folder, AppHubKeys())
    stop = threading.Event()

    def writer() -> None:  # each transaction writes a pair: a torn copy would hold one of a pair
        i = 0
        while not stop.is_set():
            with db.transaction() as tx:
                tx.executemany("INSERT INTO hub_state (key, value) VALUES (?, ?)", [(f"a{i}", "x" * 500),
                                                                                   (f"b{i}", "y" * 500)])
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        archives = [backup_hub(tmp_path / "pc", tmp_path / "out", now=NOW + timedelta(seconds=s),
                               key_source=AppHubKeys()) for s in range(3)]
    finally:
        stop.set()
        thread.join()
        db.close()
    assert [a.name for a in archives] == sorted(a.name for a in archives) and len(set(archives)) == 3
    assert archives[0].name == "motcua-hub-20261202T030405Z.zip"
    assert os.stat(tmp_path / "out").st_mode & 0o777 == 0o700
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.endswith(".zip")] == [], "no temp left"
    counts = []
    for n, archive in enumerate(archives):
        assert os.stat(archive).st_mode & 0o777 == 0o600
        with zipfile.ZipFile(archive) as zf:
            for name in ("hub.json", "hub-cert.pem", "hub-key.pem", "upstream.token", "upstream-device-id"):
                assert zf.read(name) == (folder.path / name).read_bytes(), name
        path = _unzip_db(archive, tmp_path / f"x{n}")
        assert hub_connect(path, tmp_path / "pc").execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        state = _state(path, tmp_path / "pc")
        a = {k[1:] for k in state if k.startswith("a")}
        b = {k[1:] for k in state if k.startswith("b")}
        assert a == b, "every transaction whole or absent"
        counts.append(len(a))
    assert counts == sorted(counts) and counts[-1] > 0


def test_a_second_backup_in_the_same_second_gets_its_own_name(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    first = backup_hub(tmp_path / "pc", now=NOW, key_source=AppHubKeys())
    before = first.read_bytes()
    _put(folder, ("later", "1"))
    second = backup_hub(tmp_path / "pc", now=NOW, key_source=AppHubKeys())
    third = backup_hub(tmp_path / "pc", now=NOW, key_source=AppHubKeys())
    assert first.parent == tmp_path / "pc" / "hub-backups"
    assert [second.name, third.name] == ["motcua-hub-20261202T030405Z_02.zip", "motcua-hub-20261202T030405Z_03.zip"]
    assert sorted(p.name for p in first.parent.iterdir()) == [first.name, second.name, third.name], "sorts by time"
    assert first.read_bytes() == before, "never overwritten"
    assert "later" in _state(_unzip_db(second, tmp_path / "s"), tmp_path / "pc")


def test_the_work_folder_of_a_killed_backup_is_removed_later_and_a_running_ones_is_not(tmp_path: Path) -> None:
    make_hub(tmp_path / "pc", OFFICE_CODE)
    out = tmp_path / "pc" / "hub-backups"
    old, running = out / ".hub-backup-killed", out / ".hub-backup-running"
    for work in (old, running):
        work.mkdir(parents=True)
        (work / "hub.sqlite3").write_bytes(b"x" * 1000)
    os.utime(old, (time.time() - 7 * 3600, time.time() - 7 * 3600))
    backup_hub(tmp_path / "pc", key_source=AppHubKeys())
    assert not old.exists() and running.exists()


def _restore_cli(data_dir: Path, archive: Path, *more: str) -> tuple[int, str]:
    code, _, err = motcua(data_dir, "hub", "restore", str(archive), *more)
    return code, err


def test_restore_puts_the_hub_back_keeps_a_safety_copy_and_changes_the_generation(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    db = hub_keys.open_database(folder, AppHubKeys())
    old = generation.ensure(db)
    db.close()
    archive = backup_hub(tmp_path / "pc", tmp_path / "out", key_source=AppHubKeys())
    keep_wal = hub_connect(folder.database)  # a later write still in the WAL, as a killed hub leaves it
    keep_wal.execute("PRAGMA wal_autocheckpoint=0")
    keep_wal.execute("INSERT INTO hub_state (key, value) VALUES ('after', '1')")
    keep_wal.commit()
    code, out, err = motcua(tmp_path / "pc", "hub", "restore", str(archive), "--json")
    keep_wal.close()
    assert code == 0, err
    state = _state(folder.database)
    assert "after" not in state, "the restored database, not the old WAL over it"
    assert state["generation"] not in (old, None) and state["generation"] == out["generation"]
    safety = Path(out["previous_saved_to"])
    assert safety.name.startswith("pre-restore-")
    assert "after" in _state(_unzip_db(safety, tmp_path / "s"), tmp_path / "pc")
    assert not (folder.path / ".restoring").exists()
    # The safety copy is itself a backup: the restore undone.
    again = restore_hub(tmp_path / "pc", safety, key_source=AppHubKeys())
    assert "after" in _state(folder.database) and again.generation != state["generation"]


def test_a_new_pc_takes_the_hub_over_from_a_backup(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "old-pc", OFFICE_CODE)
    archive = backup_hub(tmp_path / "old-pc", tmp_path / "stick", key_source=AppHubKeys())
    old_key = AppHubKeys().keys.load(tmp_path / "old-pc")
    typed = AppHubKeys(old_key)  # the old PC's recovery key, typed on the new one (`--recovery-key-file`)
    done = restore_hub(tmp_path / "new-pc", archive, key_source=typed)
    assert AppHubKeys().keys.load(tmp_path / "new-pc") == old_key, "the new PC adopts it: the sheet stays valid"
    assert done.safety_copy is None and done.office_code == OFFICE_CODE
    moved = HubFolder.of_data_dir(tmp_path / "new-pc")
    mine = {k: v for k, v in _digest(moved).items() if k != "hub.sqlite3"}
    assert mine == {k: v for k, v in _digest(folder).items() if k in mine} and len(mine) == 5
    assert moved.load() == folder.load()


def test_restore_refuses_while_the_hub_serves_and_changes_nothing(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    archive = backup_hub(tmp_path / "pc", tmp_path / "out", key_source=AppHubKeys())
    before = _digest(folder)
    with HubLock(folder.lock):  # what `hub serve` holds
        code, err = _restore_cli(tmp_path / "pc", archive)
    assert code == 3 and "the hub is running (pid" in err and "nothing changed" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _digest(folder) == before


def _damaged(tmp_path: Path, archive: Path) -> dict[str, Path]:
    cases = {}
    cases["truncated"] = tmp_path / "truncated.zip"
    cases["truncated"].write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one bit rot inside the stored database: its CRC no longer matches
    cases["flipped byte"] = tmp_path / "flipped.zip"
    cases["flipped byte"].write_bytes(bytes(data))
    cases["not a zip"] = tmp_path / "text.zip"
    cases["not a zip"].write_text("hello", "utf-8")
    cases["missing"] = tmp_path / "missing.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(cases["missing"], "w") as dst:
        for item in src.infolist():
            if item.filename != "hub-key.pem":
                dst.writestr(item, src.read(item))
    cases["bad db"] = tmp_path / "bad-db.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(cases["bad db"], "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            dst.writestr(item, body[:4096] + b"\xff" * 8192 + body[12288:] if item.filename == "hub.sqlite3" else body)
    return cases


def test_a_damaged_or_foreign_backup_is_refused_and_the_hub_is_untouched(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    make_hub(tmp_path / "other", "000.00.99.H99")
    cases = _damaged(tmp_path, backup_hub(tmp_path / "pc", tmp_path / "out", key_source=AppHubKeys()))
    cases["another office"] = backup_hub(tmp_path / "other", tmp_path / "out2", key_source=AppHubKeys())
    cases["no such file"] = tmp_path / "nothing.zip"
    before = _digest(folder)
    for case, archive in cases.items():
        code, err = _restore_cli(tmp_path / "pc", archive)
        assert code == 2, (case, err)
        assert err.startswith("Error: FILE: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err, case
        assert "nothing changed" in err or case == "no such file", (case, err)
        assert _digest(folder) == before, case
    assert "encrypted with another PC's key" in _restore_cli(tmp_path / "pc", cases["another office"])[1]
    their_key = recovery_file(tmp_path / "other", tmp_path / "their-key.txt")
    code, err = _restore_cli(tmp_path / "pc", cases["another office"], "--recovery-key-file", str(their_key))
    assert code == 2 and "office 000.00.99.H99" in err and _digest(folder) == before, err
    assert not (tmp_path / "pc" / "hub-backups").exists(), "no safety copy for a refused restore"


def test_a_full_disk_or_a_file_for_a_folder_is_one_sentence_and_no_file(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    _put(folder, *((f"k{i}", os.urandom(2000)) for i in range(200)))  # type: ignore[arg-type]  # like PDFs
    limit = folder.database.stat().st_size // 2  # the disk fills half-way through the copy

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails (EFBIG) instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "pc"), "--lang", "en", "hub", "backup",
         "--to", str(tmp_path / "stick")],
        capture_output=True, text=True, cwd=REPO, preexec_fn=small_disk,
        env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120,
    )
    assert run.returncode == 3, run.stderr
    assert run.stderr.startswith(f"Error: --to: cannot write into {tmp_path / 'stick'}: "), run.stderr
    assert run.stderr.rstrip().endswith("no file was written") and len(run.stderr.strip().splitlines()) == 1
    assert list((tmp_path / "stick").iterdir()) == []
    code, _, err = motcua(tmp_path / "pc", "hub", "backup", "--to", str(folder.config_file))
    assert code == 2 and err.strip() == f"Error: --to: {folder.config_file} is not a folder"


def test_the_daily_backup_takes_one_a_day_and_keeps_fourteen(tmp_path: Path) -> None:
    make_hub(tmp_path / "pc", OFFICE_CODE)
    manual = backup_hub(tmp_path / "pc", key_source=AppHubKeys())
    assert backup_daily.run_once(tmp_path / "pc", AppHubKeys(), NOW) is not None
    assert backup_daily.run_once(tmp_path / "pc", AppHubKeys(), NOW + timedelta(hours=5)) is None, "one a day"
    for day in range(1, 20):
        backup_daily.run_once(tmp_path / "pc", AppHubKeys(), NOW + timedelta(days=day))
    kept = backup_daily.ours(backup_daily.auto_dir(tmp_path / "pc"))
    assert len(kept) == 14 and kept[0].name.startswith("motcua-hub-20261208") and manual.exists()
    assert backup_daily.newest(tmp_path / "pc") == kept[-1]  # what `hub status` names
    code, status, err = motcua(tmp_path / "pc", "hub", "status")
    assert code == 0 and f"Latest hub backup: {kept[-1]}" in status, err


def test_a_hub_without_a_generation_gets_one_that_stays(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    db = hub_keys.open_database(folder, AppHubKeys())
    try:
        first = generation.ensure(db)
        assert generation.ensure(db) == first and len(first) == 32
        assert generation.renew(db) != first
    finally:
        db.close()
    with pytest.raises(HubError):
        backup_hub(tmp_path / "nowhere", key_source=AppHubKeys())


def test_a_refused_restore_on_a_new_pc_leaves_no_folder(tmp_path: Path) -> None:
    """A new PC given a wrong file: "nothing changed" holds on its disk too (it left data/hub with lock files)."""
    junk = tmp_path / "junk.zip"
    junk.write_text("hello", "utf-8")
    code, err = _restore_cli(tmp_path / "new-pc" / "data", junk)
    assert code == 2 and "nothing changed" in err, err
    assert not (tmp_path / "new-pc").exists(), sorted(str(p) for p in (tmp_path / "new-pc").rglob("*"))
