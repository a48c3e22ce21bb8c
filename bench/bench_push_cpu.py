"""CPU of one push through the whole server application, in process: this checkout beside another, alternating.

Why: ``bench/bench_sync.py`` is the real measure (200 devices, TLS, ``motcua-central`` processes), but on a 2-core
machine shared with other work its latency follows the load average, and even its CPU per push grows with it.
A change to the push path needs a figure that compares: here the ASGI application itself (middleware, the push
path, validation, ingest, psycopg) answers the same real pushes (dossiers received by the app's own service,
10 per push, gzipped as a device sends them, devices of ten-counter offices) on a throw-away durable PostgreSQL,
without network or TLS, and the checkouts run one after the other, round after round, so both see the same
machine. It prints the server process's CPU and PostgreSQL's CPU per push, per run, their medians and the ratio.

Run: ``.venv/bin/python bench/bench_push_cpu.py [--repo /path/to/other/checkout] [--rounds 3] [--pushes 300]
[--concurrency 8]``.

Figures (1 December 2026, issue 18 item 13; main 0733930 beside branch push18, 4 rounds of 250 pushes, 8 in
flight, load average 17–31 from other work on the 2 cores): server CPU per push, median 6.19 ms before, 5.31 ms
after (ratio 0.857; lower in each of the 4 pairs: 6.11/5.72, 5.58/5.34, 7.30/3.98, 6.27/5.27); PostgreSQL 2.98
before, 2.78 after; every push answered 200. The whole system (TLS, 200 devices): bench/bench_sync.py's docstring.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]


async def _push(app: Any, token: str, body: bytes) -> int:
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    status = 0

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    headers = [
        (b"host", b"127.0.0.1"),
        (b"authorization", f"Bearer {token}".encode()),
        (b"content-type", b"application/json"),
        (b"content-encoding", b"gzip"),
        (b"accept-encoding", b"gzip"),
        (b"content-length", str(len(body)).encode()),
    ]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "https",
        "path": "/v1/events", "raw_path": b"/v1/events", "query_string": b"", "root_path": "", "headers": headers,
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8443), "state": {},
    }  # fmt: skip
    await app(scope, receive, send)
    return status


async def _all(app: Any, jobs: list[tuple[str, bytes]], concurrency: int) -> list[int]:
    gate = asyncio.Semaphore(concurrency)

    async def one(job: tuple[str, bytes]) -> int:
        async with gate:
            return await _push(app, *job)

    return await asyncio.gather(*(one(j) for j in jobs))


def child(repo: Path, pushes: int, concurrency: int) -> dict[str, Any]:
    """One measurement with the code of ``repo`` (imported from there)."""
    sys.path.insert(0, str(repo))
    from bench.proc_cpu import postmaster_pid, tree_cpu_s
    from bench.sync_dossiers import device_events, real_dossiers
    from sync.protocol.timefmt import utc_now
    from sync.server import devices
    from sync.server.app import create_app
    from sync.server.config import ServerSettings
    from sync.server.db import Database
    from tests.sync.pgserver import TempPostgres, find_pg_bin

    logging.disable(logging.WARNING)
    rng = random.Random(2026)
    bin_dir = find_pg_bin()
    if bin_dir is None:
        sys.exit("bench_push_cpu: PostgreSQL binaries not found")
    with tempfile.TemporaryDirectory(prefix="bench-push-") as tmp:
        templates = real_dossiers(Path(tmp) / "templates", 60, rng)
        pg = TempPostgres(bin_dir, durable=True).start()
        try:
            url = pg.new_database("push")
            db = Database(url, pool_size=8)
            app = create_app(ServerSettings(database_url=url, pool_size=8), db)
            jobs: list[tuple[str, bytes]] = []
            with db.transaction() as tx:
                for office_no in range((pushes + 20) // 100 + 1):
                    office = f"000.00.{office_no % 100:02d}.P{office_no:04d}"
                    devices.add_office(tx, office, f"UBND xã Đo {office_no}", utc_now())
                    for k in range(10):
                        code = devices.new_enrollment_code(tx, office, utc_now())
                        device_id = f"01900000-0000-7000-8000-{office_no:08d}{k:04d}"
                        dev, token, _ = devices.enroll(tx, code, device_id, "bench", utc_now(), 3600)
                        events = device_events(templates, office, dev.slot, 100, rng, datetime.now(UTC))
                        for i in range(0, 100, 10):
                            raw = b'{"events":[' + b",".join(events[i : i + 10]) + b'],"sent_at":'
                            jobs.append((token, gzip.compress(raw + json.dumps(utc_now()).encode() + b"}", 6)))
            rng.shuffle(jobs)
            warm, jobs = jobs[:20], jobs[20 : 20 + pushes]
            asyncio.run(_all(app, warm, concurrency))
            cpu, pg_cpu, wall = time.process_time(), tree_cpu_s(postmaster_pid(pg.data)), time.perf_counter()
            statuses = asyncio.run(_all(app, jobs, concurrency))
            n = len(jobs)
            result = {
                "server_cpu_ms_per_push": round((time.process_time() - cpu) * 1000 / n, 3),
                "postgres_cpu_ms_per_push": round((tree_cpu_s(postmaster_pid(pg.data)) - pg_cpu) * 1000 / n, 3),
                "wall_ms_per_push": round((time.perf_counter() - wall) * 1000 / n, 3),
                "pushes": n,
                "not_200": sum(1 for s in statuses if s != 200),
            }
            db.close()
            return result
        finally:
            pg.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, help="another checkout to compare with (run alternately)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pushes", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8, help="pushes in flight (the pool has 8 connections)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.pushes, args.concurrency)))
        return
    repos = [HERE] + ([args.repo.resolve()] if args.repo else [])
    runs: dict[str, list[dict[str, Any]]] = {str(r): [] for r in repos}
    for _ in range(args.rounds):
        for repo in repos:
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(repo), "--pushes", str(args.pushes),
                 "--concurrency", str(args.concurrency)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            run = json.loads(out.stdout.strip().splitlines()[-1])
            runs[str(repo)].append(run)
            print(json.dumps({"repo": str(repo), **run}), flush=True)
    report: dict[str, Any] = {}
    for repo, found in runs.items():
        report[repo] = {
            key: round(statistics.median(r[key] for r in found), 3)
            for key in ("server_cpu_ms_per_push", "postgres_cpu_ms_per_push", "wall_ms_per_push")
        }
        report[repo]["not_200"] = sum(r["not_200"] for r in found)
    if args.repo:
        this, other = report[str(HERE)], report[str(repos[1])]
        report["server_cpu_ratio_this_to_other"] = round(
            this["server_cpu_ms_per_push"] / other["server_cpu_ms_per_push"], 3
        )
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
