"""Search speed in every view of the dossier list at 1,000,000 dossiers (item 8 of issue 18; run by hand).

Prints p50/p95 ms per view - each quick filter of the list (today, due today, overdue, awaiting supplement, ready
to return, open, all), a status choice (returned, processing), a procedure alone and with a quick filter - over
every query shape (one-letter prefix, names, "tran thi", an exact code, an ID number, phone prefixes), the
slowest view x query, each p95 as a ratio to one fsync'd SQLite commit measured in the same run, then each view x
query cell: its p95 wall time and its median CPU time (the thread's own: it moves far less than wall time when
other work shares the machine). Goal: p95 <= 50 ms in every view and cell. ``--repo /work/main`` measures
another checkout's code on the same store (before/after).
Run it on a copy of the bench store (bench/bigstore.py): opening migrates the store to this checkout's schema.

Usage: .venv/bin/python bench/bench_search.py [--dir /work/bench-data/1m] [--repo PATH] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import fsync_commit_ms, pct, use_repo

QUERIES = ["nguyen van manh", "tran thi", "n", "h", "dang", "ngu", "le duc anh", "0912", "09123", "khai sinh",
           "12", "0001"]  # the last two: digits every dossier code holds (office 000.00.12.H62, a day's first)


def views(store, last_day: str) -> dict[str, object]:
    """Every list view the clerk can pick, as the list builds it (quick filter x status x procedure)."""
    from app.domain.status import Status
    from app.domain.timezone import VN_TZ
    from app.ui.dossiers.filters import QuickFilter, list_filter

    proc = store.scalar("SELECT procedure_code FROM dossiers ORDER BY seq DESC LIMIT 1")
    now = datetime.fromisoformat(last_day + "T16:00:00").replace(tzinfo=VN_TZ)
    out: dict[str, object] = {q.value: list_filter(q, now) for q in QuickFilter}
    out["all"] = None
    out["st-returned"] = list_filter(QuickFilter.ALL, now, status=int(Status.RETURNED))
    out["st-processing"] = list_filter(QuickFilter.ALL, now, status=int(Status.PROCESSING))
    out["procedure"] = list_filter(QuickFilter.ALL, now, procedure_code=proc)
    out["proc-open"] = list_filter(QuickFilter.OPEN, now, procedure_code=proc)
    out["proc-returned"] = list_filter(QuickFilter.ALL, now, status=int(Status.RETURNED), procedure_code=proc)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=Path("/work/bench-data/1m"))
    ap.add_argument("--repo", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    use_repo(args.repo)
    from app.services.setup import open_store
    from app.store.dossiers import search_seqs

    store = open_store(args.dir)
    last_day = store.scalar("SELECT MAX(received_day) FROM dossiers")
    code = store.scalar("SELECT code FROM dossiers WHERE received_day = ? LIMIT 1", (last_day,))
    idn = store.scalar("SELECT id_number FROM dossiers WHERE seq = (SELECT MAX(seq) / 2 FROM dossiers)")
    queries = [*QUERIES, code, idn]
    ref = fsync_commit_ms(args.dir.parent)  # the same disk as the store (/tmp may be memory)
    print(f"reference: one fsync'd commit {ref:.2f} ms; store {args.dir} ({args.repo or 'this checkout'})")
    worst, slowest = 0.0, (0.0, "", "")
    cells: dict[str, dict[str, list[float]]] = {}
    cpu: dict[str, dict[str, list[float]]] = {}
    for name, flt in views(store, last_day).items():
        times, cells[name], cpu[name] = [], {q: [] for q in queries}, {q: [] for q in queries}
        for _ in range(args.rounds):
            for q in queries:
                t0, c0 = time.perf_counter(), time.thread_time()
                search_seqs(store, q, limit=500, flt=flt)  # type: ignore[arg-type]
                ms = (time.perf_counter() - t0) * 1000
                cpu[name][q].append((time.thread_time() - c0) * 1000)
                times.append(ms)
                cells[name][q].append(ms)
                slowest = max(slowest, (ms, name, q))
        p95 = pct(times, 0.95)
        worst = max(worst, p95)
        print(f"  {name:13s} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  = {p95 / ref:5.1f}x commit")
    print(f"worst view p95 {worst:.1f} ms (goal <= 50 ms); slowest single search {slowest[0]:.1f} ms"
          f" ({slowest[1]}, {slowest[2]!r})")
    print("each view x query: p95 wall ms / median CPU ms over the rounds")
    print(" " * 14 + "".join(f"{q[:10]:>11s}" for q in queries))
    for name, row in cells.items():
        print(f"{name:14s}" + "".join(
            f"{pct(row[q], 0.95):6.1f}/{statistics.median(cpu[name][q]):4.1f}" for q in queries))
    store.close()


if __name__ == "__main__":
    main()
