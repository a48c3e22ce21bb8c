"""Stopping ``motcua-central serve`` while a device (or an office hub) holds a long poll open.

Why: a hub keeps ``GET /v1/changes?wait=…`` open all day; a province restarting its server must not wait for
every held pull to run out (up to a minute) before it stops. The held pull is cut, and the device simply pulls
again when the server is back: a pull writes nothing, so nothing is lost.
"""

from __future__ import annotations

import signal
import threading
import time
import uuid
from pathlib import Path

import requests

from tests.sync.central import Central
from tests.sync.serverproc import CentralProcess


def test_a_held_long_poll_does_not_hold_up_a_stop(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'province.sqlite3'}"
    proc = CentralProcess(db_url, tmp_path / "server.log").start()
    central = Central(proc.url, db_url)
    try:
        code = central.enrollment_code(central.new_office())
        token = requests.post(proc.url + "/v1/enroll", json={"code": code, "device_id": str(uuid.uuid4())},
                              timeout=5).json()["token"]
        head = requests.get(proc.url + "/v1/changes", headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
        held: list[BaseException | int] = []

        def pull() -> None:
            try:
                answer = requests.get(proc.url + "/v1/changes", params={"cursor": head["cursor"], "wait": 50},
                                      headers={"Authorization": f"Bearer {token}"}, timeout=60)
                held.append(answer.status_code)
            except requests.RequestException as exc:
                held.append(exc)

        poller = threading.Thread(target=pull, daemon=True)
        poller.start()
        time.sleep(1.0)  # the pull is now waiting on the server
        assert not held, "the pull came back before anything changed"
        started = time.monotonic()
        proc.stop()  # SIGTERM: uvicorn's graceful stop
        stopped_in = time.monotonic() - started
        # uvicorn re-raises the SIGTERM after its graceful stop; -9 would be the test's own kill after 10 s
        assert proc.proc is not None and proc.proc.returncode in (0, -signal.SIGTERM), proc.log_tail()
        assert stopped_in < 15, f"the stop waited {stopped_in:.1f} s for the held pull (its wait was 50 s)"
        poller.join(10)
        assert held, "the held pull was neither answered nor cut"
    finally:
        central.close()
        proc.stop()
