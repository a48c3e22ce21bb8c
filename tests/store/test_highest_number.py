"""The highest number of a slot's range on a day, found by walking the code index down from the top."""

from __future__ import annotations

from app.store import dossiers
from app.store.db import Store


def _code(store: Store, code: str, n: int) -> None:
    store.conn.execute(
        "INSERT INTO dossiers (id, code, office_code, procedure_code, procedure_name, applicant_name, id_number,"
        " channel, status, received_at, received_day, received_by, device_slot, updated_at)"
        " VALUES (?, ?, 'U', '1.004873', 'P', 'A', '001085000001', 'counter', 1, '2026-11-16T08:00:00+07:00',"
        " '2026-11-16', 'c', 0, '2026-11-16T08:00:00+07:00')",
        (f"id-{n}", code),
    )


def test_the_top_of_the_slots_range_and_nothing_else(ctx):
    store: Store = ctx.store
    with store.transaction():
        for n, code in enumerate(
            [
                "U-261116-0009",
                "U-261116-0012",
                "U-261116-1003",  # slot 1
                "U-261116-0998X",  # not a code: ignored
                "U-261116-099",  # too short: ignored
                "U-261115-0500",  # another day
                "UU-261116-0700",  # another unit
            ]
        ):
            _code(store, code, n)
    assert dossiers.highest_number(store, "U", "261116", 1, 999) == 12
    assert dossiers.highest_number(store, "U", "261116", 1001, 1999) == 1003
    assert dossiers.highest_number(store, "U", "261116", 2001, 2999) is None
    assert dossiers.highest_number(store, "U", "261117", 1, 999) is None
    assert dossiers.highest_number(store, "U", "261115", 1, 999) == 500
