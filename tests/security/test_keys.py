"""Keys: a wrong or missing key says so and writes nothing; a new PC restores a backup only with the recovery key."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.security.keys import KEY_ID_FILE, DeviceKeys
from app.security.recovery import format_recovery_key, parse_recovery_key
from app.services.backups import RecoveryKeyNeeded, WrongRecoveryKey, make_backup, restore_backup
from app.services.setup import open_store
from app.store import dossiers
from app.store.db import DB_FILENAME, Store
from app.store.errors import EnvironmentStoreError


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def closed_store(ctx, people) -> Path:
    """The data folder of a store with the known people, checkpointed and closed."""
    ctx.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.store.close()
    return ctx.data_dir


@pytest.fixture
def new_pc(tmp_path, monkeypatch) -> Path:
    """A fresh data folder and an OS key store that has never seen this office's key."""
    monkeypatch.setenv("MOTCUA_KEY_DIR", str(tmp_path / "new-pc-keys"))
    return tmp_path / "new-pc-data"


def test_wrong_key_is_a_clear_error_and_writes_nothing(closed_store):
    before = _fingerprint(closed_store)
    with pytest.raises(EnvironmentStoreError) as err:
        Store(closed_store / DB_FILENAME, key=bytes(range(32)))
    assert err.value.kind == "badkey"
    assert "sai khóa" in err.value.reason_vi and "wrong key" in err.value.reason_en
    assert _fingerprint(closed_store) == before


def test_missing_key_is_a_clear_error_and_writes_nothing(closed_store, new_pc):
    before = _fingerprint(closed_store)
    with pytest.raises(EnvironmentStoreError) as err:
        open_store(closed_store)
    assert err.value.kind == "nokey" and "khóa khôi phục" in err.value.reason_vi
    assert _fingerprint(closed_store) == before


def test_lost_key_name_is_the_missing_key_error(closed_store):
    (closed_store / KEY_ID_FILE).unlink()
    with pytest.raises(EnvironmentStoreError) as err:
        open_store(closed_store)
    assert err.value.kind == "nokey"
    assert not (closed_store / KEY_ID_FILE).exists(), "no new key is made for an existing store"


def test_new_pc_restore_needs_the_recovery_key(ctx, people, tmp_path, monkeypatch):
    backup = make_backup(ctx, tmp_path / "office.sqlite3")
    recovery = format_recovery_key(ctx.store.key)
    ctx.store.close()
    monkeypatch.setenv("MOTCUA_KEY_DIR", str(tmp_path / "new-pc-keys"))
    fresh = tmp_path / "new-pc-data"

    with pytest.raises(RecoveryKeyNeeded) as err:
        restore_backup(fresh, backup)
    assert "--recovery-key-file" in err.value.reason_en
    assert not fresh.exists() and not (tmp_path / "new-pc-keys").exists(), "nothing written"

    other = os.urandom(32)
    with pytest.raises(WrongRecoveryKey):
        restore_backup(fresh, backup, recovery_key=other)
    assert not fresh.exists() and not (tmp_path / "new-pc-keys").exists(), "nothing written"

    restore_backup(fresh, backup, recovery_key=parse_recovery_key(recovery.lower().replace("-", " ")))
    store = open_store(fresh)  # the next start finds the key in the new PC's key store: no prompt
    try:
        for code in people:
            assert dossiers.by_code(store, code)["code"] == code
    finally:
        store.close()


def test_restoring_another_pcs_backup_rekeys_it_to_this_pcs_key(ctx, people, tmp_path, monkeypatch):
    backup = make_backup(ctx, tmp_path / "old-pc.sqlite3")
    old_key = ctx.store.key
    ctx.store.close()
    monkeypatch.setenv("MOTCUA_KEY_DIR", str(tmp_path / "this-pc-keys"))
    here = tmp_path / "this-pc"
    open_store(here).close()  # this PC already has its own store and key
    this_key = DeviceKeys().load(here)
    assert this_key is not None and this_key != old_key
    restore_backup(here, backup, recovery_key=old_key)
    store = open_store(here)
    try:
        assert store.key == this_key
        assert dossiers.by_code(store, people[0])["code"] == people[0]
    finally:
        store.close()


def test_recovery_key_round_trip_and_typos():
    key = bytes(range(32))
    text = format_recovery_key(key)
    groups = text.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert parse_recovery_key(text) == key
    assert parse_recovery_key(text.lower().replace("O", "0").replace("-", "  ")) == key
    typo = ("B" if text[0] != "B" else "C") + text[1:]
    with pytest.raises(ValidationError) as err:
        parse_recovery_key(typo)
    assert err.value.field == "recovery_key"
    with pytest.raises(ValidationError):
        parse_recovery_key(text[:-5])


def test_key_file_is_private_and_outside_the_data_folder(ctx):
    from app.security.keyfile import KeyFileBackend

    keys = DeviceKeys()
    assert isinstance(keys.backend, KeyFileBackend)
    key_id = keys.key_id(ctx.data_dir)
    path = keys.backend.folder / f"{key_id}.key"
    assert path.is_file() and ctx.data_dir not in path.parents
    assert bytes.fromhex(path.read_text()) == ctx.store.key
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
        assert keys.backend.folder.stat().st_mode & 0o777 == 0o700
    assert ctx.store.key.hex() not in "".join(
        p.read_text("latin-1") for p in ctx.data_dir.rglob("*") if p.is_file()
    ), "the data folder never holds the key itself"


def test_a_copied_data_folder_opens_on_the_same_pc(ctx, people, tmp_path):
    ctx.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.store.close()
    moved = tmp_path / "moved"
    shutil.copytree(ctx.data_dir, moved)
    store = open_store(moved)
    try:
        assert dossiers.by_code(store, people[0])["code"] == people[0]
    finally:
        store.close()


def test_selftest_leaves_no_key_behind(tmp_path, monkeypatch):
    from app.services.selftest import run_selftest

    monkeypatch.setenv("MOTCUA_KEY_DIR", str(tmp_path / "keys"))
    checks = run_selftest(with_qt=False)
    assert all(c.ok for c in checks), checks
    assert "encrypted; key kept in a key file" in checks[0].detail
    assert list((tmp_path / "keys").glob("*.key")) == []
