"""The background runner: rounds on wake-up, a cheap probe while offline, backoff after server errors."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from sync.client.backoff import Backoff
from sync.client.engine import RoundReport
from sync.client.errors import SyncError
from sync.client.runner import RunnerConfig, SyncRunner
from tests.sync.central import Central
from tests.sync.conftest import DeviceFactory
from tests.sync.pgserver import free_port

pytestmark = pytest.mark.slow
CONFIG = RunnerConfig(interval=60.0, probe_interval=7.0, idle_wait=99.0)


def test_offline_costs_one_probe_per_interval_and_a_wake_up_syncs_at_once(
    central: Central, device: DeviceFactory
) -> None:
    engine, store = device(central.new_office())
    store.receive()
    errors: list[SyncError] = []
    runner = SyncRunner(engine, CONFIG, on_error=errors.append)
    store.state.server_url = f"http://127.0.0.1:{free_port()}"  # the network is down
    assert runner.run_cycle(woken=True) == 7.0 and runner.offline
    attempts = store.outbox[store.ids()[0]]["attempts"]
    assert runner.run_cycle() == 7.0  # only the probe ran: the outbox was not touched
    assert store.outbox[store.ids()[0]]["attempts"] == attempts
    assert [e.code for e in errors] == ["offline"]
    store.state.server_url = central.url  # the network is back: the probe finds it
    assert runner.run_cycle() == 60.0 and not runner.offline
    assert store.ids("pending") == []
    assert engine._kept is not None  # the round's connection waits for the next round
    runner.stop()
    assert engine._kept is None  # and is closed with the runner


def test_server_errors_back_off_and_a_revoked_device_waits(central: Central, device: DeviceFactory) -> None:
    engine, store = device(central.new_office())
    runner = SyncRunner(engine, CONFIG, backoff=Backoff(base=4.0, rng=random.Random(1)))
    store.state.server_url = central.url + "/nowhere"  # every call answers 404: a refused request
    first, second = runner.run_cycle(), runner.run_cycle()
    assert 2.0 <= first <= 4.0 and 4.0 <= second <= 8.0
    store.state.server_url = central.url
    central.revoke(store.state.device_id)
    assert runner.run_cycle() == 99.0


def test_the_thread_syncs_when_woken_and_stops(central: Central, device: DeviceFactory, tmp_path: Path) -> None:
    engine, store = device(central.new_office())
    done = threading.Event()
    reports: list[RoundReport] = []

    def on_round(report: RoundReport) -> None:
        reports.append(report)
        done.set()

    runner = SyncRunner(engine, CONFIG, on_round=on_round)
    runner.start()
    assert done.wait(10)  # the first round runs at start
    done.clear()
    store.receive()
    runner.wake()  # a dossier was just received
    assert done.wait(10)
    runner.stop()
    assert reports[-1].pushed == 1 and store.ids("pending") == []
