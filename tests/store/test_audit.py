"""The audit chain: intact after normal work, and tampering is located — the chain's own rows, the rows it
covers (dossiers edited or deleted behind its back), a tail cut off and a chain recomputed whole."""

from __future__ import annotations

import pytest

from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import open_store
from app.store import driver, local_anchor
from app.store.audit import chain_head, verify
from app.store.row_audit import GENESIS, chain_hash
from tests.helpers.raw import raw_connect


def _work(ctx, n: int) -> list[str]:
    return [receive_dossier(ctx, ReceiveInput("1.004873", "Vũ Văn Đông", "001085012345")).code for _ in range(n)]


def _raw(ctx) -> driver.Connection:
    ctx.store.close()
    return raw_connect(ctx.data_dir / "motcua.sqlite3")


def _tamper(ctx, *statements: str) -> None:
    """Edit the file behind the app's back, as someone with a SQLite tool could."""
    ctx.store.close()
    raw = raw_connect(ctx.data_dir / "motcua.sqlite3")
    for sql in statements:
        raw.execute(sql)
    raw.commit()
    raw.close()
    ctx.store = open_store(ctx.data_dir)


_DROP_ROW_TRIGGERS = [
    f"DROP TRIGGER audit_row_{t}_{e}" for t in ("dossiers", "dossier_events") for e in ("insert", "update", "delete")
]


def test_chain_is_intact_after_work(ctx):
    before = verify(ctx.store).rows
    _work(ctx, 5)
    result = verify(ctx.store)
    assert result.ok and result.rows > before + 5
    assert chain_head(ctx.store.conn) == (
        result.rows, ctx.store.scalar("SELECT hash FROM audit_log ORDER BY seq DESC").hex()
    )


def test_every_dossier_row_change_is_in_the_chain(ctx):
    code = _work(ctx, 1)[0]
    dossier_id = ctx.store.scalar("SELECT id FROM dossiers WHERE code = ?", (code,))
    actions = [r["action"] for r in ctx.store.query("SELECT action FROM audit_log WHERE object_id = ?", (dossier_id,))]
    assert "row.insert" in actions


def test_tampering_is_found_at_the_edited_row(ctx):
    _work(ctx, 4)
    _tamper(ctx, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
    result = verify(ctx.store)
    assert not result.ok and result.broken_seq == 3


def test_deleted_audit_row_is_found(ctx):
    _work(ctx, 3)
    _tamper(ctx, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 2")
    assert verify(ctx.store).broken_seq == 2


def test_a_sqlite_tool_cannot_even_run_an_update_on_a_dossier(ctx):
    _work(ctx, 1)
    raw = _raw(ctx)
    with pytest.raises(driver.Error, match="no such function"):
        raw.execute("UPDATE dossiers SET applicant_name = 'Kẻ Gian'")
    raw.close()


def test_dossier_edited_directly_is_found(ctx):
    codes = _work(ctx, 3)
    _tamper(ctx, *_DROP_ROW_TRIGGERS, f"UPDATE dossiers SET fee_vnd = 1 WHERE code = '{codes[1]}'")
    result = verify(ctx.store)
    assert not result.ok and result.broken_seq is not None
    dossier_id = ctx.store.scalar("SELECT id FROM dossiers WHERE code = ?", (codes[1],))
    assert [(d.table, d.object_id) for d in result.drift] == [("dossiers", dossier_id)]
    assert "differs" in result.reason


def test_rows_deleted_with_the_guard_dropped_are_found(ctx):
    codes = _work(ctx, 2)
    _tamper(
        ctx,
        *_DROP_ROW_TRIGGERS,
        "DROP TRIGGER dossier_events_no_delete",
        f"DELETE FROM dossier_events WHERE dossier_id = (SELECT id FROM dossiers WHERE code = '{codes[0]}')",
    )
    result = verify(ctx.store)
    assert not result.ok
    assert {d.table for d in result.drift} == {"dossier_events"}
    assert all(d.reason == "row deleted outside the audit chain" for d in result.drift)


def test_tail_cut_off_is_found_by_the_local_anchor_and_by_anchors(ctx, tmp_path):
    from app.services.backups import make_backup

    _work(ctx, 3)
    for i in range(3):  # rows that change no table: cutting them leaves no drift, only the anchors show it
        make_backup(ctx, tmp_path / f"b{i}.sqlite3")
    head = chain_head(ctx.store.conn)
    assert local_anchor.read(ctx.data_dir) == head
    _tamper(ctx, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE seq > {head[0] - 2}")
    assert verify(ctx.store).ok, "by itself a cut chain checks out"
    result = verify(ctx.store, [local_anchor.read(ctx.data_dir)])
    assert not result.ok and "shorter than its anchor" in result.reason
    _work(ctx, 1)  # work after the cut does not move the anchor over the evidence
    assert local_anchor.read(ctx.data_dir) == head


def _recompute(conn: driver.Connection, edit_seq: int) -> None:
    """Rewrite one old row and recompute every hash after it: a chain that checks out by itself."""
    conn.execute("DROP TRIGGER audit_log_no_update")
    rows = conn.execute(
        "SELECT seq, at, actor, action, object_type, object_id, detail FROM audit_log ORDER BY seq"
    ).fetchall()
    prev = GENESIS
    for seq, at, actor, action, otype, oid, detail in rows:
        if seq == edit_seq:
            actor = "mallory"
        digest = chain_hash(prev, seq, at, actor, action, otype, oid, detail)
        conn.execute(
            "UPDATE audit_log SET actor = ?, hash = ? WHERE seq = ?", (actor, digest, seq)
        )
        prev = digest
    conn.commit()


def test_chain_recomputed_whole_is_found_by_anchors(ctx):
    _work(ctx, 2)
    head = chain_head(ctx.store.conn)
    raw = _raw(ctx)
    _recompute(raw, 3)
    raw.close()
    ctx.store = open_store(ctx.data_dir)
    assert verify(ctx.store).ok
    result = verify(ctx.store, [head])
    assert not result.ok and result.broken_seq == head[0] and "anchor" in result.reason
    assert not verify(ctx.store, [local_anchor.read(ctx.data_dir)]).ok
