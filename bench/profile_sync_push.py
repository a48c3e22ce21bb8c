"""Where a push's CPU goes, per side: the server process (py-spy), PostgreSQL (pg_stat_statements) and the load
generator (py-spy), under the ``at_once`` load of ``bench/bench_sync.py``.

Why: the benchmark says how long 200 devices wait and how many milliseconds of CPU one push costs on each side;
this says which functions and statements those milliseconds are, so a change to the push path aims at a measured
cause. Same setup as the benchmark (real dossiers, enrolment through ``/v1/enroll``, TLS with a pinned CA,
durable PostgreSQL), with ``pg_stat_statements`` loaded. Needs ``py-spy`` (a dev tool, ``pip install py-spy``).

Run: ``.venv/bin/python bench/profile_sync_push.py [--devices 200] [--workers 1] [--top 25]``. It prints, per side,
the functions with the most CPU (inclusive and own, in ms per push) and the statements PostgreSQL spent most on.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from bench.bench_sync import SCENARIOS
from bench.bench_sync_load import SimDevice, load
from bench.proc_cpu import postmaster_pid, tree_cpu_s
from bench.sync_dossiers import device_events, real_dossiers
from bench.sync_fleet import enroll_fleet
from tests.sync.pgserver import TempPostgres, find_pg_bin
from tests.sync.serverproc import CentralProcess
from tests.sync.tlscerts import make_tls


def _pyspy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(found).exists():
        sys.exit("profile_sync_push: py-spy not found (pip install py-spy)")
    return found


def _frame(line: str) -> str:
    """``func (file.py:12)`` → ``func (file.py)``: one entry per function, not per line."""
    name, _, where = line.partition(" (")
    return f"{name} ({where.split(':')[0].rsplit('/', 1)[-1].rstrip(')')})"


def summarise_stacks(raw: Path, pushes: int, rate: int, top: int) -> dict[str, Any]:
    """Collapsed stacks (``a;b;c count``) → the top functions by inclusive and by own time, ms per push."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = [_frame(f) for f in stack.split(";") if f and not f.startswith(("process ", "thread "))]
        if not frames:
            continue
        total += n
        own[frames[-1]] += n
        for f in set(frames):
            inclusive[f] += n

    def ms(n: int) -> float:
        return round(n * 1000 / rate / pushes, 3)

    return {
        "sampled_ms_per_push": ms(total),
        "inclusive": {f: ms(n) for f, n in inclusive.most_common(top)},
        "own": {f: ms(n) for f, n in own.most_common(top)},
    }


def _statements(url: str, pushes: int, top: int) -> list[dict[str, Any]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT calls, total_exec_time, rows, query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT %s",
            (top,),
        ).fetchall()
    return [
        {
            "calls_per_push": round(calls / pushes, 2),
            "ms_per_push": round(total / pushes, 3),
            "rows": n,
            "query": " ".join(query.split())[:140],
        }
        for calls, total, n, query in rows
    ]


class WaitSampler:
    """Samples PostgreSQL's backends (``pg_stat_activity``) every few milliseconds during the load: how many were
    running, idle in a transaction, or waiting, and on what (a lock on a row or a tuple every push updates would
    serialise the wave; ``ClientRead`` is PostgreSQL waiting for the server's next statement)."""

    def __init__(self, url: str, every_s: float = 0.005) -> None:
        self.url, self.every_s = url, every_s
        self.counts: Counter[str] = Counter()
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self._stop.wait(self.every_s):
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
                    "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()"
                ).fetchall()
                self.samples += 1
                for state, kind, event in rows:
                    self.counts[f"{state}: {kind or 'CPU'}/{event or '-'}"] += 1

    def __enter__(self) -> WaitSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def report(self) -> dict[str, float]:
        """Mean number of backends in each state (state: wait type/event) over the samples."""
        return {k: round(n / max(self.samples, 1), 2) for k, n in self.counts.most_common(12)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--raw", type=Path, help="also keep the server's collapsed stacks in this file")
    parser.add_argument("--gil", action="store_true", help="only samples holding the GIL (Python CPU, not waits)")
    parser.add_argument("--scenario", default="at_once", choices=sorted(SCENARIOS), help="load of bench_sync.py")
    args = parser.parse_args()
    pyspy = _pyspy()
    per_push, pushes, plan = SCENARIOS[args.scenario]
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="profile-sync-") as tmp:
        work = Path(tmp)
        rng = random.Random(2026)
        templates = real_dossiers(work / "templates", 100, rng)
        tls = make_tls(work / "tls")
        bin_dir = find_pg_bin()
        if bin_dir is None:
            sys.exit("profile_sync_push: PostgreSQL binaries not found")
        pg = TempPostgres(bin_dir, durable=True).start()
        try:
            with psycopg.connect(pg.url(), autocommit=True) as conn:
                conn.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
            pg._run("pg_ctl", "-D", str(pg.data), "-w", "restart")
            url = pg.new_database("profile")
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CREATE EXTENSION pg_stat_statements")
            server = CentralProcess(
                url, work / "server.log", tls=tls, args=("--log-level", "warning", "--workers", str(args.workers))
            ).start()
            assert server.proc is not None
            try:
                fleet, _ = enroll_fleet(server.url, tls.ca, url, args.devices)
                end = datetime.now(UTC)
                sims = []
                for d in fleet:
                    events = device_events(templates, d.office, d.slot, per_push * pushes, rng, end)
                    sims.append(SimDevice(d.token, tuple(tuple(events[i : i + per_push]) for i in range(0, 50, 10))))
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("SELECT pg_stat_statements_reset()")
                raw_server = work / "server.txt"
                spy = subprocess.Popen(
                    [
                        pyspy,
                        "record",
                        "-p",
                        str(server.proc.pid),
                        "--subprocesses",
                        "--format",
                        "raw",
                        "-r",
                        str(args.rate),
                        "-o",
                        str(raw_server),
                        "--nonblocking",
                        *(["--gil"] if args.gil else []),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                cpu = tree_cpu_s(server.proc.pid), tree_cpu_s(postmaster_pid(pg.data))
                with WaitSampler(url) as waits:
                    result = load(server.port, str(tls.ca), sims, plan)
                report["postgres_backends_mean"] = waits.report()
                n = result["pushes"]
                report["load"] = {k: result[k] for k in ("pushes", "failed_requests", "p50_s", "p99_s")}
                report["cpu_ms_per_push"] = {
                    "server": round((tree_cpu_s(server.proc.pid) - cpu[0]) * 1000 / n, 2),
                    "postgres": round((tree_cpu_s(postmaster_pid(pg.data)) - cpu[1]) * 1000 / n, 2),
                    "client": round(result["client_cpu_ms_per_push"], 2),
                }
                spy.send_signal(2)
                spy.wait(60)
                report["server_stacks"] = summarise_stacks(raw_server, n, args.rate, args.top)
                if args.raw:
                    shutil.copy(raw_server, args.raw)
                report["postgres_statements"] = _statements(url, n, args.top)
            finally:
                server.stop()
        finally:
            pg.stop()
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
