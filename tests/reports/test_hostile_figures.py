"""The supervisor's figures for dossiers the province moved (pulled from the central server as it sends them:
UTC times with a "Z", a result returned straight from "in progress") agree with each other and with the day
in Vietnam."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from app.reports.stats import statistics
from app.services.clock import FixedClock
from app.services.receive import ReceiveInput, receive_dossier
from app.services.sync_bridge import StoreSyncBridge
from app.store import dossiers, outbox
from app.store.reports import Scope
from sync.client.store import IncomingChange
from tests.conftest import FIXED_NOW


def _pull(ctx: Any, code: str, status: int, at: str) -> None:
    row = dossiers.by_code(ctx.store, code)
    outbox.mark_acked(ctx.store, [e.id for e in outbox.pending(ctx.store)], at)  # the receipt went up
    change = {"dossier_id": row["id"], "code": code, "status": status, "at": at}
    assert StoreSyncBridge(ctx.store, ctx.clock).apply_pulled([IncomingChange("dossier_status", row["id"],
                                                                             change, "1")], "1") == 1


def _figures(ctx: Any, day: str, now: datetime) -> dict[str, Any]:
    return statistics(ctx.store, Scope(day, day), now)


def test_a_result_returned_by_the_province_counts_as_finished_once_on_its_vietnam_day(ctx: Any) -> None:
    code = receive_dossier(ctx, ReceiveInput("1.004873", "Lê An", "001085012345")).code  # 16/11 09:00
    # returned at 20:30 UTC on 17/11 = 03:30 on 18/11 in Vietnam, straight from "received" (no "processed")
    _pull(ctx, code, 10, "2026-11-17T20:30:00.000Z")
    row = dossiers.by_code(ctx.store, code)
    assert row["finished_at"] and datetime.fromisoformat(row["finished_at"]).utcoffset() == timedelta(hours=7)
    later = FIXED_NOW + timedelta(days=3)
    on_the_day = _figures(ctx, "2026-11-18", later)
    finished = sum(n for c, n in on_the_day["classes"].items() if c.startswith("finished"))
    assert (on_the_day["finished_in_range"], on_the_day["returned_in_range"], finished) == (1, 1, 1)
    assert _figures(ctx, "2026-11-17", later)["returned_in_range"] == 0  # 17/11 was the day in UTC only
    next_week = _figures(ctx, "2026-11-25", FIXED_NOW + timedelta(days=10))
    assert next_week["carried_over"] == 0 and sum(next_week["classes"].values()) == 0


def test_a_dossier_finished_by_the_province_keeps_its_finish_time_in_vietnam_time(ctx: Any) -> None:
    code = receive_dossier(ctx, ReceiveInput("1.004873", "Lê An", "001085012345")).code
    _pull(ctx, code, 9, "2026-11-18T23:15:00.000Z")  # 06:15 on 19/11 in Vietnam
    ctx.clock = FixedClock(FIXED_NOW + timedelta(days=4))
    figures = _figures(ctx, "2026-11-19", ctx.clock.now())
    assert figures["finished_in_range"] == 1
    assert _figures(ctx, "2026-11-18", ctx.clock.now())["finished_in_range"] == 0
