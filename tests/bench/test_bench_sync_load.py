"""The sync load generator counts what goes wrong instead of dropping it: a refused token, an event the server
does not accept, a server that is not there; and it reaches the server over HTTPS with a really enrolled fleet."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.bench_sync_load import Plan, SimDevice, accepted, load
from bench.sync_dossiers import device_events, real_dossiers
from bench.sync_fleet import enroll_fleet
from tests.sync.serverproc import CentralProcess
from tests.sync.tlscerts import make_tls

pytestmark = pytest.mark.slow


def test_failures_are_counted_by_reason_and_nothing_is_dropped(tmp_path: Path) -> None:
    rng = random.Random(13)
    templates = real_dossiers(tmp_path / "templates", 4, rng)
    tls = make_tls(tmp_path / "tls")
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    server = CentralProcess(db_url, tmp_path / "server.log", tls=tls, args=("--log-level", "warning")).start()
    try:
        fleet, enrolment = enroll_fleet(server.url, tls.ca, db_url, 3)
        assert enrolment["enrolled"] == 3 and len({d.token for d in fleet}) == 3
        now = datetime.now(UTC)
        good, stranger, wrong_slot = (device_events(templates, d.office, d.slot, 6, rng, now) for d in fleet)
        # one event of the third device carries a code numbered in the first device's slot
        other = json.loads(device_events(templates, fleet[0].office, fleet[0].slot, 7, rng, now)[6])
        wrong_slot[5] = json.dumps(other, ensure_ascii=False, separators=(",", ":")).encode()
        sims = [
            SimDevice(fleet[0].token, (tuple(good[:3]), tuple(good[3:]))),
            SimDevice("mc1_not-a-token", (tuple(stranger[:3]), tuple(stranger[3:]))),
            SimDevice(fleet[2].token, (tuple(wrong_slot[:3]), tuple(wrong_slot[3:]))),
        ]
        before = accepted(db_url)
        result = load(server.port, str(tls.ca), sims, Plan(pace=0.2, fresh=True, aligned=True))
        assert result["pushes"] == 6 and result["connections_opened"] == 6
        assert result["failed_requests"] == 2
        assert result["failed_by_reason"] == {"HTTP 401: invalid_token": 2}
        assert result["events_sent"] == 18 and result["events_accepted"] == 11
        assert result["events_not_accepted"] == {"code_not_in_slot": 1}
        assert accepted(db_url) - before == 11  # what the devices were told is what the server holds
        assert 0 < result["p50_s"] <= result["p99_s"] <= result["max_s"]
    finally:
        server.stop()
    gone = load(server.port, str(tls.ca), sims[:1], Plan(pace=0.0, fresh=False, aligned=True))
    assert gone["failed_requests"] == 2 and gone["events_accepted"] == 0
    assert gone["failed_by_reason"] == {"ConnectionRefusedError": 2}
