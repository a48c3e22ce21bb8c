"""The audit chain: intact after normal work, and tampering is located to the exact row."""

from __future__ import annotations

from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import open_store
from app.store.audit import verify
from tests.helpers.raw import raw_connect


def _work(ctx, n: int) -> None:
    for _ in range(n):
        receive_dossier(ctx, ReceiveInput("1.004873", "Vũ Văn Đông", "001085012345"))


def _tamper(ctx, *statements: str) -> None:
    """Edit the file behind the app's back, as someone with a SQLite tool could."""
    ctx.store.close()
    raw = raw_connect(ctx.data_dir / "motcua.sqlite3")
    for sql in statements:
        raw.execute(sql)
    raw.commit()
    raw.close()
    ctx.store = open_store(ctx.data_dir)


def test_chain_is_intact_after_work(ctx):
    _work(ctx, 5)
    result = verify(ctx.store)
    assert result.ok and result.rows == 6


def test_tampering_is_found_at_the_edited_row(ctx):
    _work(ctx, 4)
    _tamper(ctx, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
    result = verify(ctx.store)
    assert not result.ok and result.broken_seq == 3


def test_deleted_row_is_found(ctx):
    _work(ctx, 3)
    _tamper(ctx, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 2")
    assert verify(ctx.store).broken_seq == 2
