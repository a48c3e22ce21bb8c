"""A live store whose pages are overwritten is detected, and a restore from the daily backup loses nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.services.backup_schedule import run_auto_backup
from app.services.backups import restore_backup
from app.services.context import ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import open_store
from app.store import audit, search_pending
from app.store.backup import check_backup_file
from app.store.db import DB_FILENAME
from app.store.errors import EnvironmentStoreError
from tests.upgrade.snapshot import assert_nothing_lost, rows_of, snapshot

PEOPLE = [("Nguyễn Văn Mạnh", "001085012345"), ("Trần Thị Hoa", "001185012346"), ("Lê Đức Anh", "001090012347")]


def corrupt(path: Path, first_page: int = 2, pages: int = 6) -> None:
    """Overwrite whole pages in the middle of the file, as a failing disk or a killed copy would."""
    page_size = 4096
    assert path.stat().st_size > (first_page + pages) * page_size, "store too small to corrupt meaningfully"
    with open(path, "r+b") as fh:
        fh.seek(first_page * page_size)
        fh.write(os.urandom(pages * page_size))
        fh.flush()
        os.fsync(fh.fileno())


@pytest.fixture
def backed_up(ctx: ServiceContext) -> tuple[Path, Path, dict]:
    for name, id_number in PEOPLE:
        receive_dossier(ctx, ReceiveInput("1.004873", applicant_name=name, id_number=id_number))
    report = run_auto_backup(ctx)
    assert report.made is not None
    search_pending.flush(ctx.store)  # the entries the backup's pending list stands for, as a reopened store has them
    ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = snapshot(ctx.data_dir / DB_FILENAME)
    ctx.store.close()
    return ctx.data_dir, report.made, before


def test_corrupt_live_store_is_detected(backed_up: tuple[Path, Path, dict]) -> None:
    data, _, _ = backed_up
    corrupt(data / DB_FILENAME)
    with pytest.raises(EnvironmentStoreError) as err:
        check_backup_file(data / DB_FILENAME)
    assert err.value.kind in ("corrupt", "notadb")


def test_restore_after_corruption_loses_nothing(backed_up: tuple[Path, Path, dict]) -> None:
    data, backup, before = backed_up
    corrupt(data / DB_FILENAME)
    restore_backup(data, backup)
    store = open_store(data)
    try:
        assert store.integrity_check() == "ok" and audit.verify(store).ok
        assert store.scalar("SELECT COUNT(*) FROM dossiers") == len(PEOPLE)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    # The audit log goes back to the backup's moment (the row recording the backup itself came after the copy),
    # then gains the restore's row; every other table is exactly as it was before the disk broke.
    audit_columns, _ = before.pop("audit_log")
    assert_nothing_lost(before, data / DB_FILENAME)
    in_backup = snapshot(backup)["audit_log"][1]
    after = rows_of(data / DB_FILENAME, "audit_log", audit_columns)
    assert set(in_backup) <= set(after) and len(after) == len(in_backup) + 1


def test_a_corrupt_backup_is_refused_and_the_live_store_is_untouched(backed_up: tuple[Path, Path, dict]) -> None:
    data, backup, before = backed_up
    corrupt(backup)
    with pytest.raises(EnvironmentStoreError):
        restore_backup(data, backup)
    assert snapshot(data / DB_FILENAME) == before
