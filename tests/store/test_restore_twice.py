"""A restore run twice in the same second (a script, a double click, a PC whose clock was set back) must keep both
safety copies: the first holds the only copy of the data the first restore replaced."""

from __future__ import annotations

from datetime import datetime

from app.services.receive import ReceiveInput, receive_dossier
from app.store.backup import restore_from
from app.store.db import Store
from app.store.snapshot import backup_to


def _codes(path, key) -> set[str]:
    store = Store(path, key=key)
    try:
        return {r["code"] for r in store.query("SELECT code FROM dossiers")}
    finally:
        store.close()


def test_two_restores_in_the_same_second_keep_both_safety_copies(ctx, tmp_path):
    backup = backup_to(ctx.store, tmp_path / "before.sqlite3")
    only_live = receive_dossier(ctx, ReceiveInput("1.004873", "Lê An", "001085012345")).code
    key, live = ctx.store.key, ctx.store.path
    ctx.store.close()
    same_second = datetime(2026, 12, 1, 9, 30, 0)
    first = restore_from(backup, live, backup_key=key, live_key=key, now=same_second)
    second = restore_from(backup, live, backup_key=key, live_key=key, now=same_second)
    assert first is not None and second is not None and first != second
    assert only_live in _codes(first, key), "the data the first restore replaced is still kept"
    assert only_live not in _codes(second, key)
