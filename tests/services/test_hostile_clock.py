"""Hostile clocks: a counter PC whose clock was reset to 2001 (a flat CMOS battery), never synced, so no offset
measured to warn with.

What was found: it received dossiers coded ``…-010603-0001``, with a receipt and a due date in 2001, which the
province then refuses as outside its time window. Receiving now names the PC's clock and writes nothing; a clock
in 2099 is not caught here (nothing on a PC alone tells it from a real date; the sync's offset does).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.errors import ValidationError
from app.domain.timezone import VN_TZ
from app.services.clock import FixedClock
from app.services.receive import ReceiveInput, receive_dossier

INPUT = ReceiveInput(procedure_code="1.004873", applicant_name="Lê An", id_number="001085012345")


def _counts(store) -> tuple[int, int]:
    return store.scalar("SELECT COUNT(*) FROM dossiers"), store.scalar("SELECT COUNT(*) FROM daily_counters")


@pytest.mark.parametrize("year", [2000, 2001, 2024])
def test_a_reset_pc_clock_is_named_and_nothing_is_written(ctx, year):
    ctx.clock = FixedClock(datetime(year, 6, 3, 9, 0, tzinfo=VN_TZ))
    before = _counts(ctx.store)
    with pytest.raises(ValidationError) as err:
        receive_dossier(ctx, INPUT)
    assert err.value.field == "received_at" and f"03/06/{year}" in err.value.message("vi")
    assert "đồng hồ máy tính" in err.value.message("vi") and "clock" in err.value.message("en")
    assert _counts(ctx.store) == before


def test_the_clock_set_right_receives_again(ctx):
    ctx.clock = FixedClock(datetime(2001, 1, 1, 8, 0, tzinfo=VN_TZ))
    with pytest.raises(ValidationError):
        receive_dossier(ctx, INPUT)
    ctx.clock = FixedClock(datetime(2026, 11, 16, 9, 0, tzinfo=VN_TZ))
    assert receive_dossier(ctx, INPUT).code.endswith("-261116-0001")
