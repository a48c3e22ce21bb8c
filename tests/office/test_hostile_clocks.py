"""Hostile clocks in an office's queue: the hub PC (or a PC issuing its own tickets) restarting after a power cut
with a reset CMOS clock (2001-01-01). Numbers restart each day by that clock, so it must not open a new day's
series and hand out "A001" again while citizens in the room hold this morning's "A001". The hub is the real
server application on a real SQLite file, its clock the injected one (``create_app(clock=…)``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from app.domain import queue
from app.domain.errors import ValidationError
from app.services.clock import FixedClock
from app.services.queue import issue_ticket
from sync.protocol.timefmt import format_utc
from sync.server import devices
from sync.server.app import create_app
from sync.server.config import ServerSettings
from sync.server.db import Database
from tests.conftest import OFFICE_CODE
from tests.office.test_hub_parts import serving


class HubClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> str:
        return format_utc(self.moment)




def _hub(folder: Path, clock: HubClock, office: bool = True) -> tuple[Any, Database, str]:
    """The hub's server application on ``folder``'s database (its clock ``clock``), the database, and an
    enrolment code of the office (added when ``office``)."""
    url = f"sqlite:///{folder / 'hub.sqlite3'}"
    app = create_app(ServerSettings(database_url=url, queue_host=True), clock=clock, queue_rules=queue)
    db = Database(url, pool_size=1)
    code = ""
    if office:
        with db.transaction() as tx:
            devices.add_office(tx, OFFICE_CODE, "UBND xã Mẫu Sơn", clock())
            code = devices.new_enrollment_code(tx, OFFICE_CODE, clock())
    return app, db, code


def _enrol(client: str, code: str) -> str:
    answer = requests.post(client + "/v1/enroll", json={"code": code, "device_id": str(uuid.uuid4())}, timeout=10)
    return str(answer.json()["token"])


def _post(url: str, token: str, path: str, **body: Any) -> tuple[int, dict[str, Any]]:
    answer = requests.post(url + "/v1/queue" + path, json={"request_id": str(uuid.uuid4()), **body},
                           headers={"Authorization": f"Bearer {token}"}, timeout=10)
    return answer.status_code, answer.json()


def test_a_hub_whose_clock_was_reset_issues_no_number_again_and_says_why(tmp_path: Path) -> None:
    clock = HubClock(datetime(2026, 12, 2, 2, 0, tzinfo=UTC))  # 09:00 in the office
    app, db, code = _hub(tmp_path, clock)
    with serving(app) as client:
        token = _enrol(client, code)
        morning = [_post(client, token, "/tickets", service="A")[1]["ticket"]["number"] for _ in range(3)]
        assert morning == ["A001", "A002", "A003"]
        clock.moment = datetime(2001, 1, 1, 5, 0, tzinfo=UTC)  # power cut at noon: the CMOS clock is reset
        for path, body in (("/tickets", {"service": "A"}), ("/call", {"counter": 1}), ("/finish", {"counter": 1})):
            status, refused = _post(client, token, path, **body)
            assert status == 422 and refused["field"] == "clock", (path, refused)
            assert refused["reason_en"].startswith("the queue hub PC's clock says 2001-01-01, which is wrong")
            assert "01/01/2001" in refused["reason_vi"]
        clock.moment = datetime(2026, 12, 2, 5, 5, tzinfo=UTC)  # the clock set right
        assert _post(client, token, "/tickets", service="A")[1]["ticket"]["number"] == "A004"
    with db.transaction(write=False) as tx:
        days = {r["day"] for r in tx.all("SELECT DISTINCT day FROM queue_tickets")}
    assert days == {"2026-12-02"}, "no ticket of a 2001 day"
    db.close()


def test_a_pc_issuing_its_own_tickets_with_a_reset_clock_is_refused_and_writes_nothing(ctx: Any) -> None:
    ctx.clock = FixedClock(datetime(2001, 1, 1, 3, 0, tzinfo=UTC))
    with pytest.raises(ValidationError) as refused:
        issue_ticket(ctx, "A")
    assert refused.value.field == "clock" and "this PC's clock says 2001-01-01" in refused.value.message("en")
    assert ctx.store.scalar("SELECT COUNT(*) FROM queue_tickets") == 0


def _states(db: Database) -> dict[str, str]:
    with db.transaction(write=False) as tx:
        return {r["number"]: r["state"] for r in tx.all("SELECT number, state FROM queue_tickets")}


def test_midnight_on_the_hub_a_late_call_is_finished_and_earlier_days_are_closed(tmp_path: Path) -> None:
    """23:59 in the office (16:59 UTC): a citizen called at counter 1 is finished at 00:06; yesterday's other
    tickets are closed by that first write of the new day as a PC closes them (waiting: expired; called and
    left at counter 2: served once its carry-over is past, here at the hub's next start)."""
    clock = HubClock(datetime(2026, 12, 2, 16, 50, tzinfo=UTC))
    app, db, code = _hub(tmp_path, clock)
    with serving(app) as client:
        token = _enrol(client, code)
        for _ in range(4):
            _post(client, token, "/tickets", service="A")
        assert _post(client, token, "/counters", counter=2, letters=["A"])[0] == 200
        assert _post(client, token, "/counters", counter=1, letters=["A"])[0] == 200
        clock.moment = datetime(2026, 12, 2, 16, 58, tzinfo=UTC)
        assert _post(client, token, "/call", counter=2)[1]["ticket"]["number"] == "A001"  # left there overnight
        clock.moment = datetime(2026, 12, 2, 16, 59, tzinfo=UTC)
        assert _post(client, token, "/call", counter=1)[1]["ticket"]["number"] == "A002"
        clock.moment = datetime(2026, 12, 2, 17, 6, tzinfo=UTC)  # 00:06 on 3 December in the office
        status, finished = _post(client, token, "/finish", counter=1)
        assert status == 200, finished
        assert finished["ticket"]["number"] == "A002" and finished["ticket"]["state"] == "served"
        assert _states(db) == {"A001": "called", "A002": "served", "A003": "expired", "A004": "expired"}
        assert _post(client, token, "/tickets", service="A")[1]["ticket"]["number"] == "A001"  # a new day's series
    with db.transaction(write=False) as tx:
        spent = tx.scalar("SELECT service_seconds FROM queue_tickets WHERE number = 'A002' AND day = '2026-12-02'")
    assert spent == 7 * 60
    clock.moment = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 08:00: the hub starts again for the day
    _hub(tmp_path, clock, office=False)[1].close()
    with db.transaction(write=False) as tx:
        left = tx.scalar("SELECT state FROM queue_tickets WHERE number = 'A001' AND day = '2026-12-02'")
    assert left == "served", "the ticket left called at counter 2 is closed as a PC closes it"
    db.close()
