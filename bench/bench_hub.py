"""Office hub benchmark (issue 13): a dossier saved at one counter, visible at another (p95, goal ≤ 1 s), and
the hub's memory with 20 devices holding their long polls and pushing (goal RSS ≤ 150 MB).

Run: ``.venv/bin/python bench/bench_hub.py [--dossiers 40] [--devices 20]``. Everything runs on 127.0.0.1: a
real ``motcua-central serve`` process (the province), a real ``motcua hub serve`` process over HTTPS with its own
certificate, counters as app data folders enrolled with the hub's code. The receiving counter runs the app's
background sync (runner + long-poll watcher) exactly as the desktop app does; nothing calls its sync by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("MOTCUA_KEY_DIR", tempfile.mkdtemp(prefix="motcua-bench-keys-"))

import psutil

from app.services.clock import SystemClock
from app.services.context import ServiceContext
from app.services.setup import init_office, open_store
from app.services.sync_bridge import build_runner
from sync.client.engine import SyncEngine
from sync.client.runner import RunnerConfig
from sync.client.transport import TransportConfig
from sync.client.watch import FeedWatcher
from tests.conftest import ADMIN_PASSWORD, OFFICE_CODE
from tests.office.conftest import running_office
from tests.sync.fakes import MemoryStore

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang"]


def _template(root: Path) -> Path:
    folder = root / "template"
    store = open_store(folder)
    try:
        ctx = ServiceContext(store=store, data_dir=folder, clock=SystemClock())
        init_office(ctx, office_code=OFFICE_CODE, office_name="UBND xã Mẫu Sơn", admin_password=ADMIN_PASSWORD)
    finally:
        store.close()
    (root / "admin-password.txt").write_text(ADMIN_PASSWORD, "utf-8")  # `motcua enroll` needs the admin's
    os.environ["MOTCUA_ADMIN_PASSWORD_FILE"] = str(root / "admin-password.txt")
    return folder


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def visible_at_another_counter(office, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    a, b = office.counter("quay-1"), office.counter("quay-2")
    b.sync()
    runner, store = build_runner(b.data_dir, config=RunnerConfig(watch=True))
    runner.start()
    times = []
    try:
        time.sleep(0.5)  # the watcher holds its first long poll
        for i in range(n):
            code = a.receive(NAMES[i % len(NAMES)]).code
            start = time.monotonic()
            a.sync()  # what the app's runner does right after the write (woken by it)
            while code not in b.codes():
                if time.monotonic() - start > 10:
                    raise TimeoutError(code)
                time.sleep(0.005)
            times.append(time.monotonic() - start)
    finally:
        runner.stop()
        store.close()
    return times


def hub_rss_with_devices(office, devices: int, rounds: int) -> float:  # type: ignore[no-untyped-def]
    """``devices`` protocol clients, each holding a long poll on the hub; the first ten (an office has ten device
    slots) are counters enrolled with the hub (the engine on an in-memory store) pushing a dossier per round, the
    others watch the feed like a kiosk or a screen would. Returns the hub process's peak RSS in MB."""
    hub = psutil.Process(office.hub.proc.pid)
    engines, watchers = [], []
    for i in range(min(devices, 10 - len(office.counters))):
        store = MemoryStore()
        engine = SyncEngine(store, _Tokens(), transport_config=TransportConfig(read_timeout=60))
        engine.enroll(office.hub.url, office.hub_code(), f"pc-{i}")
        engines.append((engine, store))
    for i in range(devices):
        watcher = FeedWatcher(lambda: None)
        watcher.start()
        watcher.aim(engines[i % len(engines)][0].watch_target())
        watchers.append(watcher)
    peak = hub.memory_info().rss
    for _ in range(rounds):
        threads = []
        for engine, store in engines:
            store.receive()
            threads.append(threading.Thread(target=engine.run_once))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        peak = max(peak, hub.memory_info().rss)
    for watcher in watchers:
        watcher.stop(timeout=0.1)
    return peak / 2**20


class _Tokens:
    def __init__(self) -> None:
        self.token: str | None = None

    def load(self) -> str | None:
        return self.token

    def save(self, token: str) -> None:
        self.token = token

    def clear(self) -> None:
        self.token = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=40)
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="motcua-bench-hub-"))
    try:
        with running_office(root, _template(root)) as office:
            times = visible_at_another_counter(office, args.dossiers)
            rss = hub_rss_with_devices(office, args.devices, args.rounds)
        print(f"dossier visible at another counter: median {statistics.median(times) * 1000:.0f} ms, "
              f"p95 {p95(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} (goal p95 ≤ 1000 ms)")
        print(f"hub RSS with {args.devices} devices long-polling and pushing: {rss:.0f} MB (goal ≤ 150 MB)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
