"""A printed code is never reused: not after a crash, not after restoring an older backup."""

from __future__ import annotations

from app.services.backups import make_backup, restore_backup
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import open_store


def _receive(ctx) -> str:
    return receive_dossier(ctx, ReceiveInput("1.004873", "Lê Văn Tám", "001085012345")).code


def test_restore_of_an_older_backup_continues_past_printed_codes(ctx, tmp_path):
    first = _receive(ctx)
    backup = make_backup(ctx, tmp_path / "b.sqlite3")
    printed = [_receive(ctx) for _ in range(2)]
    ctx.store.close()

    restore_backup(ctx.data_dir, backup)
    ctx.store = open_store(ctx.data_dir)
    assert ctx.store.scalar("SELECT COUNT(*) FROM dossiers") == 1
    new_code = _receive(ctx)
    assert new_code not in [first, *printed]
    assert new_code.endswith("-0004")


def test_pulled_codes_of_the_same_slot_are_skipped(ctx):
    """A dossier pulled from the server in this device's range (e.g. after a reinstall) is never re-issued."""
    from app.store import dossiers

    code = _receive(ctx)
    row = dossiers.by_code(ctx.store, code)
    with ctx.store.transaction():
        clone = {**row, "id": "remote-1", "code": code[:-4] + "0007", "origin": "remote"}
        clone.pop("seq")
        dossiers.insert(ctx.store, clone, [])
    assert _receive(ctx).endswith("-0008")
