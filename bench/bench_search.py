"""Search speed in the dossier list's views at 1,000,000 dossiers (item 8 of issue 18; run by hand).

Prints p50/p95 ms per view (no filter, today, open, overdue, one procedure) over name, one-letter, digit and
code queries, and each p95 as a ratio to one fsync'd SQLite commit measured in the same run. Goal: p95 <= 50 ms
in every view. ``--repo /work/main`` measures another checkout's code on the same store (before/after).

Usage: .venv/bin/python bench/bench_search.py [--dir /work/bench-data/1m] [--repo PATH] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import fsync_commit_ms, pct, use_repo

QUERIES = ["nguyen van manh", "tran thi", "n", "h", "dang", "ngu", "le duc anh", "0912", "09123", "khai sinh"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=Path("/work/bench-data/1m"))
    ap.add_argument("--repo", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    use_repo(args.repo)
    from app.services.setup import open_store
    from app.store.dossiers import ListFilter, search_seqs

    store = open_store(args.dir)
    last_day = store.scalar("SELECT MAX(received_day) FROM dossiers")
    code = store.scalar("SELECT code FROM dossiers WHERE received_day = ? LIMIT 1", (last_day,))
    proc = store.scalar("SELECT procedure_code FROM dossiers ORDER BY seq DESC LIMIT 1")
    now = datetime.fromisoformat(last_day + "T16:00:00+07:00")
    views = {
        "all": None,
        "today": ListFilter(day=last_day),
        "open": ListFilter(open_only=True),
        "overdue": ListFilter(open_only=True, due_before=now.isoformat()),
        "procedure": ListFilter(procedure_code=proc),
        "week-overdue": ListFilter(open_only=True, due_before=(now - timedelta(days=7)).isoformat()),
    }
    ref = fsync_commit_ms(args.dir.parent)  # the same disk as the store (/tmp may be memory)
    print(f"reference: one fsync'd commit {ref:.2f} ms; store {args.dir} ({args.repo or 'this checkout'})")
    worst = 0.0
    for name, flt in views.items():
        times = []
        for _ in range(args.rounds):
            for q in [*QUERIES, code]:
                t0 = time.perf_counter()
                search_seqs(store, q, limit=500, flt=flt)
                times.append((time.perf_counter() - t0) * 1000)
        p95 = pct(times, 0.95)
        worst = max(worst, p95)
        print(f"  {name:13s} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  = {p95 / ref:5.1f}x commit")
    print(f"worst view p95 {worst:.1f} ms (goal <= 50 ms)")
    store.close()


if __name__ == "__main__":
    main()
