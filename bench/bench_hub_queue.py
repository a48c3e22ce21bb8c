"""Office hub queue benchmark: call-next round trip with 10 counters calling and a kiosk issuing one ticket a
second, and call-to-screen latency through the SSE stream (goals: p95 ≤ 50 ms and ≤ 1 s).

Run: ``.venv/bin/python bench/bench_hub_queue.py [--seconds 30] [--counters 10] [--press 1.0] [--tls] [--encrypted]``.
A real queue-hosting server process (``tests/office/queue_host.py``: what ``motcua hub serve`` runs) on 127.0.0.1;
every client goes through :class:`sync.client.transport.Transport` (the devices' own path). Each counter
presses "next" every ``--press`` seconds (jittered; 0: as fast as it can, a stress figure), a kiosk issues one
ticket a second, and a screen follows ``/v1/queue/stream``: call-to-screen is the time from a counter sending
its call to the screen reading it. ``--tls``: HTTPS as the hub serves it (a throwaway certificate).

Also printed: the hub process's CPU per request (calls and issues) over the timed window, a figure the
machine's load does not change, and the load average, which explains the latency figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from bench.proc_cpu import tree_cpu_s
from bench.reference import fsync_commit_ms, pct
from sync.client import queue_api as api
from sync.client.errors import RejectedError
from sync.client.transport import Transport, TransportConfig
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from tests.office.queue_host import KEY_ENV, QueueHostProcess
from tests.sync.tlscerts import make_tls

OFFICE = "000.00.99.BENCH"


def _token(db: Database, url: str, verify: str | bool = True) -> str:
    with db.transaction() as tx:
        code = devices.new_enrollment_code(tx, OFFICE, utc_now())
    body = {"code": code, "device_id": str(uuid.uuid4())}
    answer = requests.post(url + "/v1/enroll", json=body, timeout=5, verify=verify)
    return str(answer.json()["token"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--counters", type=int, default=10)
    ap.add_argument("--press", type=float, default=1.0, help="seconds between a counter's presses (0: flat out)")
    ap.add_argument("--tls", action="store_true", help="HTTPS, as the hub serves it")
    ap.add_argument("--encrypted", action="store_true", help="the database encrypted (SQLCipher), as the hub's is")
    args = ap.parse_args()
    key = os.urandom(32) if args.encrypted else None
    if key is not None:
        os.environ[KEY_ENV] = key.hex()  # read by the queue host process
    folder = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    db_url = f"sqlite:///{folder / 'hub.sqlite3'}"
    tls = make_tls(folder) if args.tls else None
    verify: str | bool = str(tls.ca) if tls else True
    config = TransportConfig(connect_timeout=2, read_timeout=10, attempts=1, ca_bundle=str(tls.ca) if tls else None)
    proc = QueueHostProcess(db_url, folder / "hub.log", tls=tls).start()
    db = Database(db_url, pool_size=2, key=key)
    with db.transaction() as tx:
        devices.add_office(tx, OFFICE, "Bench", utc_now())
    try:
        sup = Transport(proc.url, _token(db, proc.url, verify), config)
        for n in range(1, args.counters + 1):
            api.save_counter(sup, n, ["A", "B", "C"])
        per_counter = int(args.seconds / max(args.press, 0.01)) + 5
        for i in range(min(9000, args.counters * per_counter)):
            api.issue(sup, "ABC"[i % 3], "elderly" if i % 7 == 0 else "")
        screen_token = _token(db, proc.url, verify)
        sent: dict[str, float] = {}
        shown: dict[str, float] = {}
        round_trips: list[float] = []
        issue_trips: list[float] = []
        stop = threading.Event()

        def screen() -> None:
            t = Transport(proc.url, screen_token, config)
            for name, data in t.stream("/v1/queue/stream", 10):
                if name == "calls":
                    now = time.perf_counter()
                    for call in json.loads(data):
                        shown.setdefault(call["number"], now)
                if stop.is_set():
                    return

        def counter(n: int, token: str) -> None:
            t = Transport(proc.url, token, config)
            rng = random.Random(n)
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    answer = api.call(t, n)
                except RejectedError:
                    return  # nobody left
                done = time.perf_counter()
                round_trips.append(done - started)
                sent[answer["ticket"]["number"]] = started
                if args.press:
                    time.sleep(rng.uniform(0.5, 1.5) * args.press)

        def kiosk(token: str) -> None:
            t = Transport(proc.url, token, config)
            while not stop.is_set():
                started = time.perf_counter()
                api.issue(t, "A")
                issue_trips.append(time.perf_counter() - started)
                time.sleep(1.0)

        # An office has ten device slots (0–9): the counters share a few tokens here (the hub does not mind).
        pool = [_token(db, proc.url, verify) for _ in range(4)]
        tokens = [pool[i % len(pool)] for i in range(args.counters + 1)]
        threads = [threading.Thread(target=screen, daemon=True)]
        threads += [
            threading.Thread(target=counter, args=(n, tokens[n]), daemon=True) for n in range(1, args.counters + 1)
        ]
        threads.append(threading.Thread(target=kiosk, args=(tokens[0],), daemon=True))
        assert proc.proc is not None
        cpu_before, client_before = tree_cpu_s(proc.proc.pid), time.process_time()
        for t in threads:
            t.start()
        time.sleep(args.seconds)
        cpu, client_cpu = tree_cpu_s(proc.proc.pid) - cpu_before, time.process_time() - client_before
        requests_made = len(round_trips) + len(issue_trips)
        stop.set()
        time.sleep(1.5)
        latencies = [shown[k] - sent[k] for k in sent if k in shown]
        ms = 1000
        commit = fsync_commit_ms(folder)
        p95 = pct(round_trips, 0.95) * ms
        print(f"reference: one fsync'd SQLite commit {commit:.2f} ms; call-next p95 = {p95 / commit:.1f} commits")
        print(f"counters {args.counters}, press every {args.press} s, {args.seconds:.0f} s, {len(round_trips)} calls"
              f"{', HTTPS' if tls else ''}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"hub CPU: {cpu * 1000 / max(1, requests_made):.2f} ms per request ({requests_made} calls and issues); "
              f"the clients (one process, as many threads): {client_cpu * 1000 / max(1, requests_made):.2f} ms")
        print(
            f"call-next round trip: median {statistics.median(round_trips) * ms:.1f} ms, "
            f"p95 {pct(round_trips, 0.95) * ms:.1f} ms, max {max(round_trips) * ms:.1f} ms (goal p95 ≤ 50 ms)"
        )
        print(
            f"issue round trip: median {statistics.median(issue_trips) * ms:.1f} ms, "
            f"p95 {pct(issue_trips, 0.95) * ms:.1f} ms"
        )
        print(
            f"call-to-screen: {len(latencies)}/{len(sent)} seen, median {statistics.median(latencies) * ms:.1f} ms, "
            f"p95 {pct(latencies, 0.95) * ms:.1f} ms, max {max(latencies) * ms:.1f} ms (goal p95 ≤ 1000 ms)"
        )
    finally:
        proc.stop()
        db.close()


if __name__ == "__main__":
    main()
