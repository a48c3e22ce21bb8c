"""A store made before encryption is encrypted in place; kill -9 at each step leaves the old or the new store."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from app.security.keys import KEY_ID_FILE, DeviceKeys
from app.services.setup import open_store
from app.store import dossiers, driver
from app.store.db import DB_FILENAME
from app.store.encrypt import STEPS, ensure_encrypted
from tests.helpers.crash import STOP_AT_STEP, kill_9_after
from tests.security.conftest import files_under, leaks, receive_people


def _plain_copy(conn: driver.Connection, dest: Path) -> None:
    conn.execute(driver.attach_sql("plain", None), (str(dest),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute(f"PRAGMA plain.user_version = {conn.execute('PRAGMA user_version').fetchone()[0]}")
    conn.execute("DETACH DATABASE plain")


@pytest.fixture
def legacy(ctx, tmp_path) -> tuple[Path, list[str]]:
    """A data folder as a version before encryption left it: plain store, a plain backup, no key."""
    codes = receive_people(ctx)
    plain = tmp_path / "plain.sqlite3"
    _plain_copy(ctx.store.conn, plain)
    ctx.store.close()
    data = ctx.data_dir
    for suffix in ("-wal", "-shm"):
        Path(str(data / DB_FILENAME) + suffix).unlink(missing_ok=True)
    shutil.copyfile(plain, data / DB_FILENAME)
    (data / "backups" / "auto").mkdir(parents=True)
    shutil.copyfile(plain, data / "backups" / "auto" / "motcua-2026-11-15_170000.sqlite3")
    (data / KEY_ID_FILE).unlink()
    assert leaks((data / DB_FILENAME).read_bytes()), "the legacy store is readable as it is"
    return data, codes


def _assert_all_there(data: Path, codes: list[str]) -> None:
    store = open_store(data)
    try:
        assert store.encrypted and store.integrity_check() == "ok"
        for code in codes:
            assert dossiers.by_code(store, code)["code"] == code
    finally:
        store.close()
    for path in files_under(data):
        if ".sqlite3" in path.name:
            assert leaks(path.read_bytes()) == [], path


def test_a_legacy_store_is_encrypted_with_its_backups(legacy):
    data, codes = legacy
    assert ensure_encrypted(data)
    backups = sorted((data / "backups").glob("pre-encryption-*.sqlite3"))
    assert len(backups) == 1 and not driver.is_plaintext(backups[0])
    _assert_all_there(data, codes)
    assert not ensure_encrypted(data), "a second run finds nothing to do"


CHILD = STOP_AT_STEP + textwrap.dedent(
    """
    from pathlib import Path
    from app.store.encrypt import ensure_encrypted

    ensure_encrypted(Path(sys.argv[1]), on_step=on_step)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_kill_9_at_each_step_leaves_a_usable_store(legacy, step):
    data, codes = legacy
    printed = kill_9_after(CHILD.format(step=step), data, STEPS.index(step) + 1)
    assert printed[-1] == step
    path = data / DB_FILENAME
    key = DeviceKeys().load(data)
    if driver.is_plaintext(path):  # the old store, untouched
        assert step != "replaced"
        conn = driver.connect(path, None)
    else:  # the new one, complete
        assert step == "replaced" and key is not None
        conn = driver.connect(path, key)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM dossiers WHERE code IN (?, ?, ?)", codes).fetchone()[0] == 3
    finally:
        conn.close()
    _assert_all_there(data, codes)  # the next start finishes the job


def test_restoring_a_plain_backup_from_before_encryption_gives_an_encrypted_store(ctx, tmp_path):
    from app.services.backups import restore_backup

    codes = receive_people(ctx)
    old_backup = tmp_path / "before-encryption.sqlite3"
    _plain_copy(ctx.store.conn, old_backup)
    key = ctx.store.key
    ctx.store.close()
    restore_backup(ctx.data_dir, old_backup)
    assert not driver.is_plaintext(ctx.data_dir / DB_FILENAME)
    assert DeviceKeys().load(ctx.data_dir) == key, "the PC keeps its key"
    _assert_all_there(ctx.data_dir, codes)


@pytest.mark.slow
def test_two_processes_starting_at_once_encrypt_once(legacy):
    import subprocess
    import sys

    data, codes = legacy
    script = "import sys; from pathlib import Path; from app.services.setup import open_store; " \
             "open_store(Path(sys.argv[1])).close()"  # fmt: skip
    procs = [subprocess.Popen([sys.executable, "-c", script, str(data)], stderr=subprocess.PIPE, text=True)
             for _ in range(3)]  # fmt: skip
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert len(list((data / "backups").glob("pre-encryption-*.sqlite3"))) >= 1
    _assert_all_there(data, codes)
