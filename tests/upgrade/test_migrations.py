"""Stores made by every earlier MotCua open in this one with nothing lost (fixtures: make_fixtures.py)."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from app.services.clock import FixedClock
from app.services.context import ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import open_store
from app.store import audit
from app.store.db import DB_FILENAME
from app.store.migrations import LATEST
from tests.upgrade.snapshot import assert_nothing_lost, snapshot

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("store-v*.sqlite3"))
LATER = datetime.fromisoformat("2026-11-16T15:00:00+07:00")  # the fixtures' dossiers were received that morning


def version_of(path: Path) -> int:
    match = re.fullmatch(r"store-v(\d+)\.sqlite3", path.name)
    assert match, path
    return int(match.group(1))


# Schema steps that landed together in one release, so no program ever made a store at the versions between:
# 4 (row audit), 5 (access-log indexes) and 6 (held pulled changes) shipped with 7 (attachments); 8 (the
# search's view tags) shipped with 9 (handed-over tickets). 10 (compact audit log) shipped alone (851005a).
NEVER_SHIPPED = {4, 5, 6, 8, 13}  # 13 (pulled times) ships with 14 (index merge)


def test_every_earlier_schema_has_a_fixture() -> None:
    kept = {version_of(p) for p in FIXTURE_FILES}
    missing = set(range(1, LATEST)) - kept - NEVER_SHIPPED
    assert not missing, f"no fixture for schema {sorted(missing)}: add its commit to make_fixtures.VERSIONS"


@pytest.fixture(params=FIXTURE_FILES, ids=lambda p: p.stem)
def old_store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[int, Path]:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(request.param, data / DB_FILENAME)
    return version_of(request.param), data


def test_old_store_opens_migrated_with_every_row_kept(old_store: tuple[int, Path]) -> None:
    version, data = old_store
    before = snapshot(data / DB_FILENAME)
    assert before["dossiers"][1], "the fixture must hold dossiers"
    store = open_store(data)
    try:
        assert store.user_version == LATEST
        assert store.integrity_check() == "ok"
        chain = audit.verify(store)
        old_rows = len(before["audit_log"][1])
        assert chain.ok and chain.rows >= old_rows
        added = store.query("SELECT DISTINCT action FROM audit_log WHERE seq > ?", (old_rows,))
        assert {r["action"] for r in added} <= {"audit.track", "row.baseline"}, "the upgrade adds only the baseline"
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    assert_nothing_lost(before, data / DB_FILENAME)
    kept = list((data / "backups").glob(f"pre-migration-v{version}-*.sqlite3"))
    assert (len(kept) == 1) if version < LATEST else not kept
    if kept:
        assert snapshot(kept[0]) == before, "the pre-migration backup is the old store, unchanged"


def test_upgraded_store_goes_on_numbering_past_the_old_dossiers(old_store: tuple[int, Path]) -> None:
    _, data = old_store
    columns, rows = snapshot(data / DB_FILENAME)["dossiers"]
    old_codes = {row[columns.index("code")] for row in rows}
    store = open_store(data)
    try:
        ctx = ServiceContext(store=store, data_dir=data, clock=FixedClock(LATER))
        code = receive_dossier(
            ctx, ReceiveInput("1.004873", applicant_name="Phạm Văn Mới", id_number="001085012345")
        ).code
        assert code.endswith("-261116-0004")
        assert store.scalar("SELECT COUNT(*) FROM dossier_search WHERE dossier_search MATCH 'Hoa'") == 1
        assert {r["code"] for r in store.query("SELECT code FROM dossiers")} == old_codes | {code}
    finally:
        store.close()
