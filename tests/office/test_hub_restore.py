"""Nothing lost across a hub restore — real processes: the province, the hub over HTTPS, two counters.

The hub acknowledges events after its backup (some forwarded, some not: the province is down), is killed and
restored from the backup; the counters see the new generation, send again what they still hold, and the
province ends with every dossier once, each event once and accepted."""

from __future__ import annotations

import time
from collections import Counter as Tally
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.status import Status
from app.services.hub_keys import AppHubKeys
from app.services.status_change import change_status
from app.store import outbox
from sync.hub import keys as hub_keys
from sync.hub.folder import HubFolder
from tests.conftest import OFFICE_CODE
from tests.office.conftest import Counter, Office, motcua

pytestmark = pytest.mark.slow


def until(check: Callable[[], bool], timeout: float = 20.0) -> None:
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.05)


def _receive(counters: list[Counter], label: str, n: int) -> list[str]:
    return [counters[i % 2].receive(f"Người nộp {label} {'ABCDEFGH'[i]}").code for i in range(n)]


def _hub_column(hub_dir: Path, table: str, column: str) -> set[str]:
    db = hub_keys.open_database(HubFolder.of_data_dir(hub_dir), AppHubKeys())
    try:
        with db.transaction(write=False) as tx:
            return {r[column] for r in tx.all(f"SELECT {column} FROM {table} WHERE office_code = ?", (OFFICE_CODE,))}
    finally:
        db.close()


def _hub_event_ids(hub_dir: Path) -> set[str]:
    return _hub_column(hub_dir, "events", "id")


def _hub_dossier_codes(hub_dir: Path) -> set[str]:
    return _hub_column(hub_dir, "dossiers", "code")


def test_events_the_hub_acknowledged_after_its_backup_come_back_after_a_restore(fresh_office: Office) -> None:
    office = fresh_office
    counters = [office.counter("quay-1"), office.counter("quay-2")]
    made = _receive(counters, "Trước", 4)
    for c in counters:
        c.sync()
    code, taken, err = motcua(office.hub_dir, "hub", "backup", "--json")  # while the hub serves
    assert code == 0, err
    made += _receive(counters, "Sau Đã Chuyển", 4)  # acknowledged and forwarded after the backup
    change_status(counters[0].ctx, made[0], Status.PROCESSING)  # a status change of a dossier from before it
    for c in counters:
        c.sync()
    until(lambda: set(made) <= {d["code"] for d in office.province.dossiers(OFFICE_CODE)})
    office.central.stop()
    made += _receive(counters, "Sau Chưa Chuyển", 4)  # acknowledged by the hub, never forwarded
    for c in counters:
        assert c.sync().pushed > 0
        assert outbox.counts(c.ctx.store)["pending"] == 0, "the hub acknowledged everything"
    sent = {r["id"] for c in counters for r in c.ctx.store.query("SELECT id FROM outbox")}
    assert sent <= _hub_event_ids(office.hub_dir)
    office.hub.kill()

    code, restored, err = motcua(office.hub_dir, "hub", "restore", taken["backup"], "--json")
    assert code == 0 and Path(restored["previous_saved_to"]).is_file(), err
    assert not sent <= _hub_event_ids(office.hub_dir), "the restored hub lost what came after the backup"
    office.central.start()
    office.hub.start()
    forwarded = set(made[4:8])
    # The restored hub pulls again from the province what it had forwarded after the backup, before the counters
    # send those receptions again: the reception of a dossier that came down first is accepted, not "exists".
    until(lambda: forwarded <= _hub_dossier_codes(office.hub_dir))
    for c in counters:
        report = c.sync()
        assert report.rejected == 0, c.ctx.store.query("SELECT reject_reason FROM outbox WHERE state = 'rejected'")
        assert report.pushed >= 6, "everything it still holds went up again"
        assert outbox.counts(c.ctx.store)["pending"] == 0 and outbox.counts(c.ctx.store)["rejected"] == 0
    for c in counters:
        c.sync()
        assert c.codes() >= set(made), "each counter has every dossier of the office again"
    assert sent <= _hub_event_ids(office.hub_dir)
    until(lambda: sent <= {e["id"] for e in office.province.events(OFFICE_CODE)})
    events = [e for e in office.province.events(OFFICE_CODE) if e["id"] in sent]
    assert all(e["result"] == "accepted" for e in events)
    assert Tally(e["kind"] for e in events) == {"dossier.received": 12, "dossier.status_changed": 1}
    codes = [d["code"] for d in office.province.dossiers(OFFICE_CODE)]
    assert sorted(c for c in codes if c in set(made)) == sorted(made), "every dossier at the province once"
    status = {d["code"]: d["status"] for d in office.province.dossiers(OFFICE_CODE)}
    assert status[made[0]] == Status.PROCESSING
    until(lambda: motcua(office.hub_dir, "hub", "status", "--json")[1]["forward"]["waiting"] == 0)
    assert motcua(office.hub_dir, "hub", "status", "--json")[1]["forward"]["refused"] == 0
    for c in counters:  # the next round is an ordinary one: nothing sent again
        assert c.sync().pushed == 0
