"""Sync benchmark: drain 10,000 pending events (target ≤ 30 s), bytes on the wire per dossier (target ≤ 600 B),
and 200 devices pushing at once against one server (target ≥ 1,000 events/s with p99 ≤ 1 s on PostgreSQL).

Run: ``.venv/bin/python bench/bench_sync.py [--events 10000] [--devices 200] [--backends sqlite,postgres]``.
Everything runs on 127.0.0.1: a real ``motcua-central serve`` process, a throw-away PostgreSQL cluster with its
durable defaults (fsync on), and the app's real store behind the sync bridge. Dossiers are made by the app's
receive service (varied procedures and names), then cloned with fresh ids and codes to reach the count.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import uuid6

from app.services.clock import FixedClock
from app.services.context import ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import init_office, open_store
from app.services.sync_bridge import build_engine
from app.store import catalog, outbox
from bench.bench_sync_load import accepted, load, prepare
from sync.protocol.timefmt import utc_now
from sync.server.devices import add_office
from tests.sync.central import Central
from tests.sync.chaos import ChaosProxy
from tests.sync.pgserver import TempPostgres, find_pg_bin
from tests.sync.serverproc import CentralProcess

OFFICE = "000.00.12.H62"
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Nhung", "Sơn", "Tâm"]


def real_dossiers(folder: Path, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Dossiers received by the app's own service (the payloads the outbox really holds)."""
    store = open_store(folder)
    clock = FixedClock(datetime.fromisoformat("2026-11-16T08:00:00+07:00"))
    ctx = ServiceContext(store=store, data_dir=folder, clock=clock)
    init_office(ctx, office_code=OFFICE, office_name="UBND xã Tân Phú", admin_password="benchmark-pass")
    codes = [row["code"] for row in catalog.list_rows(store)]
    for _ in range(count):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        id_number = (
            f"0{rng.randint(1, 96):02d}{rng.choice('0123')}{rng.randint(60, 99):02d}{rng.randint(0, 999999):06d}"
        )
        clock.advance(minutes=3)
        try:
            receive_dossier(
                ctx,
                ReceiveInput(
                    procedure_code=rng.choice(codes),
                    applicant_name=name,
                    id_number=id_number,
                    phone=f"09{rng.randint(0, 99999999):08d}",
                    address=f"Thôn {rng.randint(1, 12)}, xã Tân Phú",
                ),
            )
        except Exception:
            continue
    events = [e.payload for e in outbox.pending(store, count)]
    store.close()
    return events


def fill_outbox(folder: Path, templates: list[dict[str, Any]], total: int, start: datetime) -> None:
    """Fill the outbox with ``total`` dossier.received events cloned from real ones (new ids, codes, days)."""
    store = open_store(folder)
    with store.transaction():
        for i in range(total):
            day = start + timedelta(days=i // 900)
            payload = dict(
                templates[i % len(templates)],
                id=str(uuid6.uuid7()),
                code=f"{OFFICE}-{day:%y%m%d}-{i % 900 + 1:04d}",
                received_at=day.isoformat(),
            )
            outbox.append(
                store,
                event_id=str(uuid6.uuid7()),
                kind="dossier.received",
                aggregate_id=payload["id"],
                payload=payload,
                created_at=day.isoformat(),
            )
    store.close()


def device(folder: Path, central: Central, url: str) -> Any:
    store = open_store(folder)
    engine = build_engine(store, folder)
    engine.enroll(url, central.enrollment_code(OFFICE), "bench", expect_office=OFFICE)
    return engine


def drain_and_bytes(db_url: str, work: Path, events: int, templates: list[dict[str, Any]]) -> dict[str, Any]:
    server = CentralProcess(db_url, work / "server.log", args=("--log-level", "warning")).start()
    central = Central(server.url, db_url)
    with central.db.transaction() as tx:
        add_office(tx, OFFICE, "UBND xã Tân Phú", utc_now())
    try:
        results: dict[str, Any] = {}
        # The wire device goes first: it measures its own pushes, not the other device's dossiers it pulls.
        for label, count, via_proxy, start in (
            ("wire", 2000, True, "2027-06-01"),
            ("drain", events, False, "2026-11-17"),
        ):
            folder = work / label
            folder.mkdir()
            fill_outbox(folder, templates, count, datetime.fromisoformat(start + "T08:00:00+07:00"))
            proxy = ChaosProxy(server.port).start() if via_proxy else None
            engine = device(folder, central, proxy.url if proxy else server.url)
            began = time.perf_counter()
            rounds = 0
            while engine.store.outbox_counts().pending and rounds < 100:
                engine.run_once()
                rounds += 1
            elapsed = time.perf_counter() - began
            results[f"{label}_left_pending_rejected"] = list(vars(engine.store.outbox_counts()).values())
            if proxy is not None:
                proxy.stop()
                results["wire_up_bytes_per_dossier"] = round(proxy.bytes_up / count, 1)
                results["wire_down_bytes_per_dossier"] = round(proxy.bytes_down / count, 1)
                results["wire_total_bytes_per_dossier"] = round((proxy.bytes_up + proxy.bytes_down) / count, 1)
            else:
                results.update(drain_events=count, drain_s=round(elapsed, 2), drain_events_per_s=round(count / elapsed))
        results["server_accepted"] = accepted(db_url)
        return results
    finally:
        central.close()
        server.stop()


# name: (events per device, events per push, seconds between pushes; 0 = as fast as answered)
SCENARIOS = {
    "paced_1000_eps": (50, 10, 2.0),  # 200 devices × 5 events/s: the target rate, each device on its own clock
    "saturation": (50, 10, 0.0),  # every device drains a backlog in pushes of 10: the server's ceiling
    "burst_one_push_each": (50, 50, 0.0),  # all come back online in the same instant with 50 events each
}


def load_test(db_url: str, work: Path, devices: int, workers: int) -> dict[str, Any]:
    server = CentralProcess(
        db_url, work / f"load-{workers}.log", args=("--log-level", "warning", "--workers", str(workers))
    ).start()
    results: dict[str, Any] = {"workers": workers}
    try:
        for name, (each, batch, pace) in SCENARIOS.items():
            sims = prepare(db_url, devices, each, batch)
            before = accepted(db_url)
            result = load(server.port, sims, pace)
            result["accepted_on_server"] = accepted(db_url) - before
            results[name] = {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}
        return results
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--workers", default="2", help="server worker counts to try in the load test")
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    rng = random.Random(2026)
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        work = Path(tmp)
        templates = real_dossiers(work / "templates", 300, rng)
        pg = None
        try:
            for backend in args.backends.split(","):
                if backend == "postgres":
                    bin_dir = find_pg_bin()
                    if bin_dir is None:
                        report[backend] = "skipped: PostgreSQL binaries not found"
                        continue
                    pg = pg or TempPostgres(bin_dir, durable=True).start()
                    url = pg.new_database("bench")
                    load_url = pg.new_database("load")
                else:
                    url, load_url = f"sqlite:///{work / 'central.sqlite3'}", f"sqlite:///{work / 'load.sqlite3'}"
                folder = work / backend
                folder.mkdir()
                report[backend] = drain_and_bytes(url, folder, args.events, templates)
                report[backend]["load"] = [
                    load_test(load_url, folder, args.devices, int(w)) for w in args.workers.split(",")
                ]
                print(json.dumps({backend: report[backend]}, indent=2), flush=True)
        finally:
            if pg is not None:
                pg.stop()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
