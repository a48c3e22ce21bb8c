"""A dossier finished late at the province and reopened in the same feed page — a real central server process
and a real device store: the device keeps the finish (``finished_at``, its history, its on-time class) and shows
the status the province has now; the feed read again, or the device's own change coming back, adds nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.domain.status import Status
from app.services.queries import dossier_detail
from app.services.receive import ReceiveInput, receive_dossier
from app.services.status_change import change_status
from app.services.sync_bridge import StoreSyncBridge
from app.store import dossiers
from tests.services.test_sync_bridge import central, engine  # noqa: F401 - the real server and the device
from tests.sync.central import Central

pytestmark = pytest.mark.slow


def _province_statuses(province: Central, dossier_id: str) -> list[tuple[int, str]]:
    """(status, at) of every status change of the dossier in the province's feed, in order."""
    with province.db.transaction(write=False) as tx:
        rows = tx.all("SELECT data FROM changes WHERE kind = 'dossier_status' AND key = ? ORDER BY seq", (dossier_id,))
    return [(json.loads(r["data"])["status"], json.loads(r["data"])["at"]) for r in rows]


def _status_history(ctx, dossier_id: str) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(e["to_status"], e["id"]) for e in dossiers.events(ctx.store, dossier_id) if e["kind"] == "status"]


def _own_id(ctx, own) -> str:  # type: ignore[no-untyped-def]
    [event] = [e for e in ctx.store.query("SELECT id FROM outbox WHERE kind = 'dossier.status_changed'")]
    return str(event["id"])


def test_a_finish_and_a_reopening_in_one_page_leave_the_finish_and_the_status_of_now(ctx, engine, central) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    made = receive_dossier(ctx, ReceiveInput("1.004873", "Nguyễn Văn Mạnh", "001085012345"))
    engine.run_once()
    central.set_status(made.code, int(Status.PROCESSED), "đã xử lý (trễ hạn)")
    central.set_status(made.code, int(Status.PROCESSING), "mở lại: thiếu chữ ký")
    assert engine.run_once().applied >= 1  # both changes come in one page

    row = dossiers.by_code(ctx.store, made.code)
    [(_, finished), _] = _province_statuses(central, made.dossier["id"])
    assert row["status"] == Status.PROCESSING, "the status the province has now"
    assert row["finished_at"] is not None, "the finish was seen"
    assert datetime.fromisoformat(row["finished_at"]) == datetime.fromisoformat(finished.replace("Z", "+00:00"))
    history = _status_history(ctx, made.dossier["id"])
    assert [s for s, _ in history] == [Status.PROCESSED, Status.PROCESSING]
    now = datetime.now(UTC)
    detail = dossier_detail(ctx.store, made.code, now)
    assert detail["on_time_class"].startswith("finished"), detail["on_time_class"]  # as the province counts it

    bridge = StoreSyncBridge(ctx.store, ctx.clock)
    bridge.set_cursor("")  # the whole feed again (what a restore or a re-enrolment does)
    engine.run_once()
    assert _status_history(ctx, made.dossier["id"]) == history, "read again: nothing twice"

    own = change_status(ctx, made.code, Status.PROCESSED)  # the device's own change goes up and comes back
    engine.run_once()
    bridge.set_cursor("")
    engine.run_once()
    again = _status_history(ctx, made.dossier["id"])
    assert len(again) == 3 and set(again) - set(history) == {(Status.PROCESSED, _own_id(ctx, own))}, again
    assert dossiers.by_code(ctx.store, made.code)["finished_at"] == row["finished_at"], "the first finish stays"
