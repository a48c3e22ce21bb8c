"""A dossier finished at the province and reopened before the hub next reads its feed — real processes: the
province, the hub over HTTPS and a counter behind it. The hub hands both changes down with their event ids; the
counter reads them in one page and keeps the finish and the status of now, as with the province directly."""

from __future__ import annotations

import time

import pytest

from app.domain.status import Status
from app.services.hub_keys import AppHubKeys
from app.store import dossiers
from sync.hub import keys as hub_keys
from sync.hub.folder import HubFolder
from tests.conftest import OFFICE_CODE
from tests.office.conftest import Office

pytestmark = pytest.mark.slow


def _hub_status(office: Office, dossier_id: str) -> int | None:
    db = hub_keys.open_database(HubFolder.of_data_dir(office.hub_dir), AppHubKeys())
    try:
        with db.transaction(write=False) as tx:
            value = tx.scalar("SELECT status FROM dossiers WHERE office_code = ? AND id = ?", (OFFICE_CODE, dossier_id))
            return None if value is None else int(value)
    finally:
        db.close()


def test_a_finish_and_a_reopening_reach_a_counter_behind_the_hub(office: Office) -> None:
    counter = office.counter("quay-1")
    made = counter.receive("Người nộp Trạng Thái")
    counter.sync()
    deadline = time.monotonic() + 20
    while not any(d["code"] == made.code for d in office.province.dossiers(OFFICE_CODE)):
        assert time.monotonic() < deadline, "the hub forwarded the dossier"
        time.sleep(0.1)
    office.hub.stop()  # the hub reads the province's feed after both changes: one page holds them
    office.province.set_status(made.code, int(Status.PROCESSED), "đã xử lý")
    office.province.set_status(made.code, int(Status.PROCESSING), "mở lại")
    office.hub.start()
    deadline = time.monotonic() + 20
    while _hub_status(office, made.dossier["id"]) != Status.PROCESSING:
        assert time.monotonic() < deadline, "the hub took the province's changes"
        time.sleep(0.1)
    counter.sync()
    row = dossiers.by_code(counter.ctx.store, made.code)
    assert row["status"] == Status.PROCESSING and row["finished_at"] is not None
    steps = [e["to_status"] for e in dossiers.events(counter.ctx.store, made.dossier["id"]) if e["kind"] == "status"]
    assert steps == [Status.PROCESSED, Status.PROCESSING]
