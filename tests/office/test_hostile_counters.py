"""Hostile set-up of an office's counters on a real hub process: two PCs left at the default counter number
(``motcua init --counter`` is 1 unless told). The second PC must not close the first one's citizen as served
nor finish it; a PC that is switched off is taken over, so a spare PC can replace a broken one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.services.context import Actor
from sync.server.db import Database
from tests.office.helpers import device, remote
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow
CLERK = Actor("giamsat", "Lê Văn Giám", "supervisor")


def _state(db: Database, number: str) -> tuple[str, int | None]:
    with db.transaction(write=False) as tx:
        row = tx.one("SELECT state, counter FROM queue_tickets WHERE number = ?", (number,))
    assert row is not None
    return row["state"], row["counter"]


def _two_pcs_at_counter_one(
    hub: tuple[CentralProcess, Database], template: Path, folder: Path, names: list[str]
) -> Any:
    """Two PCs of the office both set up as counter 1; the first has called the first of two tickets."""
    proc, db = hub
    a_ctx, b_ctx = (device(template, folder / name, db, proc.url, CLERK) for name in names)
    a, b = remote(a_ctx), remote(b_ctx)
    a.set_counter(a_ctx, 1, ["A"])
    first, second = (a.issue_ticket(a_ctx, "A").ticket.number for _ in range(2))
    assert a.call_next(a_ctx, 1).ticket.number == first
    return (a, a_ctx), (b, b_ctx), first, second


def test_two_pcs_on_one_counter_number_do_not_end_each_others_citizen(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    (a, a_ctx), (b, b_ctx), first, second = _two_pcs_at_counter_one(
        hub, store_template, tmp_path, ["quay-so-1", "quay-cung-so"]
    )
    db = hub[1]
    for act, args in ((b.call_next, (b_ctx, 1)), (b.finish, (b_ctx, 1)), (b.no_show, (b_ctx, 1)),
                      (b.call_ticket, (b_ctx, 1, second)), (b.recall, (b_ctx, 1))):
        with pytest.raises(ValidationError) as refused:
            act(*args)
        assert refused.value.field == "counter"
        assert f"serving {first}, called from the PC “quay-so-1”" in refused.value.message("en")
        assert "mỗi máy cần số quầy riêng" in refused.value.message("vi")
    assert _state(db, first) == ("called", 1), "the first PC's citizen is still being served there"
    assert _state(db, second)[0] == "waiting"
    assert a.finish(a_ctx, 1).ticket.number == first  # its own PC ends it
    assert b.call_next(b_ctx, 1).ticket.number == second  # a free counter: whichever PC calls


def test_a_pc_switched_off_mid_service_is_taken_over_by_a_spare_one(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    _, (spare, spare_ctx), first, second = _two_pcs_at_counter_one(
        hub, store_template, tmp_path, ["may-hong", "may-du-phong"]
    )
    with hub[1].transaction() as tx:  # the broken PC has not been heard of for long
        tx.execute("UPDATE devices SET last_seen_at = '2020-01-01T00:00:00.000Z' WHERE name = 'may-hong'")
    assert spare.finish(spare_ctx, 1).ticket.number == first
    assert spare.call_next(spare_ctx, 1).ticket.number == second
