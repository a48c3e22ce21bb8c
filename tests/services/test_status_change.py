"""Status changes follow the status machine, need reasons where the law asks, and append history."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.domain.status import Status
from app.services.receive import ReceiveInput, receive_dossier
from app.services.status_change import change_status
from app.store import dossiers


@pytest.fixture
def code(ctx) -> str:
    return receive_dossier(ctx, ReceiveInput("1.004873", "Phạm Thị Hoa", "001185012345")).code


def test_full_life_cycle_is_recorded_in_order(ctx, code):
    for target in (Status.PROCESSING, Status.PROCESSED, Status.RETURNED):
        ctx.clock.advance(hours=1)
        change_status(ctx, code, target)
    row = dossiers.by_code(ctx.store, code)
    assert row["status"] == 10
    assert row["finished_at"] and row["returned_at"]
    history = [e["to_status"] for e in dossiers.events(ctx.store, row["id"])]
    assert history == [2, 4, 9, 10]


@pytest.mark.parametrize("target", [Status.NOT_RECEIVED, Status.SUPPLEMENT, Status.STOPPED])
def test_reason_is_required(ctx, code, target):
    before = ctx.store.scalar("SELECT COUNT(*) FROM dossier_events")
    with pytest.raises(ValidationError) as err:
        change_status(ctx, code, target, "   ")
    assert err.value.field == "reason"
    assert ctx.store.scalar("SELECT COUNT(*) FROM dossier_events") == before


def test_supplement_counts_and_keeps_the_reason(ctx, code):
    change_status(ctx, code, Status.PROCESSING)
    result = change_status(ctx, code, Status.SUPPLEMENT, "Thiếu bản sao giấy khai sinh")
    assert result.dossier["supplement_count"] == 1
    assert dossiers.events(ctx.store, result.dossier["id"])[-1]["reason"] == "Thiếu bản sao giấy khai sinh"


def test_forbidden_move_is_refused(ctx, code):
    change_status(ctx, code, Status.PROCESSING)
    change_status(ctx, code, Status.PROCESSED)
    change_status(ctx, code, Status.RETURNED)
    with pytest.raises(ValidationError) as err:
        change_status(ctx, code, Status.PROCESSING)
    assert err.value.field == "status"


def test_events_cannot_be_rewritten(ctx, code):
    from app.store.errors import StoreError

    with pytest.raises((StoreError, Exception)):
        ctx.store.execute("UPDATE dossier_events SET reason = 'x'")
