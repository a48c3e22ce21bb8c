"""The compact audit log: a receive writes four small rows, and history written in the old layout (a store made by
schema 7, the last fixture) still verifies after the upgrade, with a row tampered before it still found and the
anchors kept outside (hex) still naming the same rows."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from app.domain.timezone import VN_TZ
from app.services.clock import FixedClock
from app.services.context import ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import open_store
from app.store import local_anchor
from app.store.audit import VerifyResult, chain_head, verify
from app.store.db import DB_FILENAME
from app.store.jsonutil import dumps
from app.store.schema_audit_compact import ensure_compact, migrate_audit_compact
from tests.helpers.raw import data_dir_with, raw_connect, raw_sql

FIXTURE = Path(__file__).parents[1] / "upgrade" / "fixtures" / "store-v7.sqlite3"


def _receive(ctx) -> str:
    return receive_dossier(ctx, ReceiveInput("1.004873", "Vũ Văn Đông", "001085012345")).code


def test_a_receive_writes_four_compact_rows(ctx):
    _receive(ctx)
    head = ctx.store.scalar("SELECT MAX(seq) FROM audit_log")
    use_count = ctx.store.scalar("SELECT use_count FROM procedures WHERE code = '1.004873'")
    _receive(ctx)
    rows = ctx.store.query("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq", (head,))
    assert [(r["action"], r["object_type"]) for r in rows] == [
        ("row.insert", "dossiers"), ("row.insert", "dossier_documents"), ("row.insert", "dossier_events"),
        ("dossier.receive", "dossier"),
    ]
    assert "prev_hash" not in rows[0]
    assert all(isinstance(r["hash"], bytes) and len(r["hash"]) == 32 for r in rows)
    assert all(isinstance(r["detail"], bytes) and len(r["detail"]) == 32 for r in rows[:3])
    assert ctx.store.scalar("SELECT use_count FROM procedures WHERE code = '1.004873'") == use_count + 1
    assert verify(ctx.store).ok


def _tamper(data: Path, *statements: str) -> None:
    raw_sql(data / DB_FILENAME, *statements)


def test_a_procedure_edited_directly_is_still_found_but_its_use_count_is_not_audited(ctx):
    _receive(ctx)
    ctx.store.close()
    drop = [f"DROP TRIGGER audit_row_procedures_{e}" for e in ("insert", "update", "delete")]
    _tamper(ctx.data_dir, *drop, "UPDATE procedures SET use_count = use_count + 5")
    ctx.store = open_store(ctx.data_dir)
    assert verify(ctx.store).ok, "the popularity counter is not part of the record"
    ctx.store.close()
    _tamper(ctx.data_dir, "UPDATE procedures SET fee_amount_vnd = 1 WHERE code = '1.004873'")
    ctx.store = open_store(ctx.data_dir)
    result = verify(ctx.store)
    assert not result.ok and [(d.table, d.object_id) for d in result.drift] == [("procedures", "1.004873")]


@pytest.fixture()
def old_store(tmp_path: Path) -> Path:
    return data_dir_with(FIXTURE, tmp_path)


def _old_head(data: Path) -> tuple[int, str]:
    raw = raw_connect(data / DB_FILENAME, readonly=True)
    try:
        seq, digest = raw.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        assert isinstance(digest, str) and len(digest) == 64, "the fixture is in the old layout"
        return seq, digest
    finally:
        raw.close()


def _verify_upgraded(data: Path) -> VerifyResult:
    """Open (and so upgrade) the store in ``data`` and verify its audit chain."""
    store = open_store(data)
    try:
        return verify(store)
    finally:
        store.close()


def test_old_history_verifies_after_the_upgrade_against_its_old_anchor(old_store: Path):
    anchor = _old_head(old_store)
    store = open_store(old_store)
    try:
        assert "prev_hash" not in [r["name"] for r in store.query("PRAGMA table_info(audit_log)")]
        assert store.scalar("SELECT hash FROM audit_log WHERE seq = ?", (anchor[0],)).hex() == anchor[1]
        assert verify(store, [anchor]).ok
        assert verify(store, [local_anchor.read(old_store)]).ok
        assert store.scalar("SELECT COUNT(*) FROM audit_log WHERE typeof(detail) = 'blob'") > 0
        assert not verify(store, [(anchor[0], "0" * 64)]).ok, "an anchor still tells a rewritten chain"
    finally:
        store.close()


def test_an_old_row_tampered_before_the_upgrade_is_still_found(old_store: Path):
    _tamper(old_store, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
    result = _verify_upgraded(old_store)
    assert not result.ok and result.broken_seq == 3


def test_an_old_row_rehashed_before_the_upgrade_fails_the_row_after_it(old_store: Path):
    """Only the previous-hash link showed this before; without it, the next row's recomputed hash does."""
    raw = raw_connect(old_store / DB_FILENAME)
    seq, at, _actor, action, otype, oid, detail, prev = raw.execute(
        "SELECT seq, at, actor, action, object_type, object_id, detail, prev_hash FROM audit_log WHERE seq = 3"
    ).fetchone()
    material = dumps([prev, seq, at, "mallory", action, otype, oid, detail])
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET actor = 'mallory', hash = ? WHERE seq = 3",
                (hashlib.sha256(material.encode()).hexdigest(),))
    raw.commit()
    raw.close()
    result = _verify_upgraded(old_store)
    assert not result.ok and result.broken_seq == 4


def test_a_dossier_edited_before_the_upgrade_is_still_found(old_store: Path):
    triggers = [f"DROP TRIGGER audit_row_dossiers_{e}" for e in ("insert", "update", "delete")]
    _tamper(old_store, *triggers, "UPDATE dossiers SET applicant_name = 'Kẻ Gian' WHERE seq = 1")
    result = _verify_upgraded(old_store)
    assert not result.ok and [d.table for d in result.drift] == ["dossiers"]
    assert "differs" in result.reason


def test_work_after_the_upgrade_chains_on_the_old_history(old_store: Path):
    head = _old_head(old_store)
    store = open_store(old_store)
    ctx = ServiceContext(store=store, data_dir=old_store, clock=FixedClock(datetime(2026, 11, 16, 15, tzinfo=VN_TZ)))
    try:
        _receive(ctx)
        assert verify(store, [head, local_anchor.read(old_store)]).ok
        assert chain_head(store.conn)[0] > head[0] and local_anchor.read(old_store) == chain_head(store.conn)
    finally:
        store.close()


def test_the_step_run_again_changes_nothing(ctx):
    _receive(ctx)
    rows = ctx.store.scalar("SELECT COUNT(*) FROM audit_log")
    with ctx.store.transaction():
        assert ensure_compact(ctx.store.conn) is False
        migrate_audit_compact(ctx.store.conn)
    assert ctx.store.scalar("SELECT COUNT(*) FROM audit_log") == rows
    assert verify(ctx.store).ok
