"""The store, its WAL and every backup copy hold no citizen's name, ID number or phone in any byte form."""

from __future__ import annotations

import pytest

from app.services.backup_schedule import COPY_SUBDIR, run_auto_backup
from app.services.backups import make_backup
from app.store import driver
from app.store.backup import check_backup_file, opens_with
from tests.security.conftest import files_under, leaks


def test_the_search_finds_personal_data_in_a_plain_copy(ctx, people, tmp_path):
    """Control: the same search does find the data once it is written unencrypted, so the other tests can fail."""
    plain = tmp_path / "plain.sqlite3"
    ctx.store.execute(driver.attach_sql("plain", None), (str(plain),))
    ctx.store.execute("SELECT sqlcipher_export('plain')")
    ctx.store.execute("DETACH DATABASE plain")
    found = leaks(plain.read_bytes())
    assert any("NFC utf-8" in f for f in found) and any("'001190012345'" in f for f in found)


def test_store_file_and_wal_hold_no_personal_data(ctx, people):
    wal = ctx.store.path.with_name(ctx.store.path.name + "-wal")
    assert wal.stat().st_size > 0, "the test must look at a WAL holding the new dossiers"
    assert leaks(wal.read_bytes()) == []
    assert leaks(ctx.store.path.read_bytes()) == []
    assert not driver.is_plaintext(ctx.store.path)


def test_every_backup_copy_is_encrypted_with_the_store_key(ctx, people, tmp_path):
    second = tmp_path / "usb"
    second.mkdir()
    manual = make_backup(ctx, tmp_path / "manual.sqlite3")
    report = run_auto_backup(ctx, force=True, copy_to=second)
    assert report.made is not None and report.copied_to is not None
    copies = [manual, report.made, report.copied_to, *files_under(second / COPY_SUBDIR)]
    for copy in copies:
        assert leaks(copy.read_bytes()) == [], copy
        assert not driver.is_plaintext(copy)
        assert opens_with(copy, ctx.store.key), "a backup opens with the store's own key"
        assert not opens_with(copy, None) and not opens_with(copy, bytes(32))
        assert check_backup_file(copy, ctx.store.key) >= 1
    for path in files_under(ctx.data_dir):
        if path.suffix in (".sqlite3", ".sqlite3-wal"):
            assert leaks(path.read_bytes()) == [], path


@pytest.mark.parametrize("copy_kind", ["store", "backup"])
def test_a_copy_without_the_key_reads_nothing(ctx, people, tmp_path, copy_kind):
    """Someone with the file but not the key (a USB stick found, a PC sent for repair) gets no rows."""
    ctx.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = ctx.store.path if copy_kind == "store" else make_backup(ctx, tmp_path / "b.sqlite3")
    conn = driver.connect(target, None)
    with pytest.raises(driver.Error, match="not a database"):
        conn.execute("SELECT count(*) FROM dossiers")
    conn.close()
