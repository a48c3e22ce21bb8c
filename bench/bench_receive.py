"""Receive speed through the real service in a 1,000,000-dossier store (item 10 of issue 18; run by hand).

Prints median, p99 and the slowest ms per receive (with the load average), and the median as a ratio to one fsync'd
SQLite commit on the same disk, measured in the same run, and (an extra line) as a ratio to a commit that writes as
many pages as a receive in the same encrypted store (:mod:`same_size_commit`). Goals: median <= 2x one commit, p99
<= 10 ms at 1M, the high-water file written before each receive returns. Each run receives into a fresh copy of the
store (``--dir`` is never changed, so runs are comparable), on days after its last day; the copy sits beside it
(same disk) and is deleted after. ``--repo /work/main`` measures another checkout's code on the same store.

``--until-merged`` keeps receiving past ``--n`` (back to back, up to ``--max``) until the search index has no
merge under way: right after the schema-11 rebuild that is the stretch where FTS5 used to finish a 25,000-page
merge inside one transaction (the "slowest receive" line). ``--log FILE`` writes one CSV line a receive (wall,
CPU, time waited for the background thread's step, time in the garbage collector) to tell the slow 1 % apart.

Usage: .venv/bin/python bench/bench_receive.py [--dir /work/bench-data/1m] [--n 2000] [--repo PATH]
       [--until-merged [--max 20000]] [--log FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib.util
import os
import random
import shutil
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import fsync_commit_times, pct, use_repo
from same_size_commit import commit_times, minimal_receive_times, pages_per_commit

ROOT = Path(__file__).resolve().parents[1]
# This checkout's decoder of FTS5's structure record, also when --repo measures code that has none.
_spec = importlib.util.spec_from_file_location("fts_structure", ROOT / "app" / "store" / "fts_structure.py")
fts_structure = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["fts_structure"] = fts_structure
_spec.loader.exec_module(fts_structure)  # type: ignore[union-attr]

PER_DAY = 900
NAMES = ["Nguyễn Văn Mạnh", "Trần Thị Lan", "Lê Đức Anh", "Phạm Ngọc Hà", "Đặng Minh Tuấn", "Bùi Thu Yến"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=Path("/work/bench-data/1m"))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repo", type=Path)
    ap.add_argument("--until-merged", action="store_true")
    ap.add_argument("--max", type=int, default=20000)
    ap.add_argument("--log", type=Path)
    ap.add_argument("--profile", type=Path, help="write cProfile stats of the timed receives to this file")
    args = ap.parse_args()
    use_repo(args.repo)
    work = args.dir.with_name(args.dir.name + ".receive-run")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(args.dir, work, ignore=shutil.ignore_patterns("backups", "*.receive-run"))
    os.sync()  # the copy's dirty pages would otherwise be flushed inside the first timed commits' fsyncs
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    from app.domain.timezone import VN_TZ
    from app.services.clock import FixedClock
    from app.services.context import Actor, ServiceContext
    from app.services.receive import ReceiveInput, receive_dossier
    from app.services.setup import open_store

    store = open_store(work)
    last = date.fromisoformat(store.scalar("SELECT MAX(received_day) FROM dossiers"))
    clock = FixedClock(datetime(last.year, last.month, last.day, 8, 0, tzinfo=VN_TZ) + timedelta(days=1))
    ctx = ServiceContext(store=store, data_dir=work, clock=clock, actor=Actor("bench", "Bench", "clerk"))
    ref_times = fsync_commit_times(work.parent)
    ref, ref_p99 = statistics.median(ref_times), pct(ref_times, 0.99)
    procs = [r[0] for r in store.execute("SELECT code FROM procedures ORDER BY code LIMIT 20").fetchall()]
    rng = random.Random(18)
    times, cpu = [], []
    count = 0

    def receive() -> None:
        nonlocal count
        if count and count % PER_DAY == 0:
            clock.advance(days=1)
        count += 1
        clock.advance(seconds=20)
        receive_dossier(ctx, ReceiveInput(rng.choice(procs), rng.choice(NAMES), f"001085{rng.randrange(10**6):06d}",
                                          phone=f"09{rng.randrange(10**8):08d}", pages=2))

    gc_s = [0.0, 0.0]  # time in the collector: since the last receive, when the current collection started
    gc.callbacks.append(lambda phase, _info: _gc_time(gc_s, phase))
    waited, in_gc = [], []
    merging = _merging(store)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    while len(times) < args.n or (args.until_merged and merging and len(times) < args.max):
        t0, c0 = time.perf_counter(), time.thread_time()
        gc_s[0] = 0.0
        receive()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        waited.append(getattr(store.checkpointer, "waited_s", 0.0) * 1000)  # 0: code before it was measured
        in_gc.append(gc_s[0] * 1000)
        if args.until_merged and len(times) % 50 == 0:
            merging = _merging(store)
    gc.callbacks.clear()
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    structure = fts_structure.describe(fts_structure.levels(store.conn))
    holds = [h * 1000 for h in getattr(store.checkpointer, "holds", ())]
    if args.log:
        _write_log(args.log, times, cpu, waited, in_gc)
    store.checkpointer.close()  # untimed from here: pages a receive writes, then commits of that size
    pages = pages_per_commit(store, receive)
    same = commit_times(store, max(1, round(pages)))
    floor = minimal_receive_times(store)
    store.close()
    med = statistics.median(times)
    print(f"receive x{args.n} at {args.dir} ({args.repo or 'this checkout'}): median {med:.2f} ms, "
          f"p99 {pct(times, 0.99):.2f} ms; one fsync'd commit {ref:.2f} ms (p99 {ref_p99:.2f} ms); "
          f"median = {med / ref:.1f}x commit, p99 = {pct(times, 0.99) / ref_p99:.1f}x commit p99 "
          f"(goals: <= 2x, p99 <= 10 ms); {len(times)} receives, "
          f"{sum(t > 10 for t in times)} over 10 ms; the clerk thread's CPU: median {statistics.median(cpu):.2f} ms, "
          f"p99 {pct(cpu, 0.99):.2f} ms, {sum(c > 10 for c in cpu)} over 10 ms (on a shared machine the wall-clock "
          "tail is mostly other processes' I/O and CPU; this part is the receive's own)")
    same_med, same_p99 = statistics.median(same), pct(same, 0.99)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  slowest receive {max(times):.1f} ms wall, {max(cpu):.1f} ms CPU (a search-index merge FTS5 finishes "
          f"inside a commit shows here, not in the p99); load average {load}")
    if holds:
        print(f"  the background thread's steps (index batches, merge steps; latest {len(holds)}) held the write turn: "
              f"median {statistics.median(holds):.2f} ms, p99 {pct(holds, 0.99):.2f} ms, max {max(holds):.1f} ms; "
              f"steps over 0.5 s: {getattr(store.checkpointer, 'slow', [])}")
    print(f"  {_tail(times, cpu, waited, in_gc)}; search index at the end: {structure}"
          + (f" (merge under way: {'yes' if merging else 'no'})" if args.until_merged else ""))
    print(f"  extra: a receive writes {pages:.0f} pages; one commit of {round(pages)} pages in the same encrypted "
          f"store {same_med:.2f} ms (p99 {same_p99:.2f} ms): receive median = {med / same_med:.1f}x, "
          f"p99 = {pct(times, 0.99) / same_p99:.1f}x that commit")
    floor_med = statistics.median(floor)
    print(f"  floor: plain 1-page commit {ref:.3f} ms; encrypted minimal durable receive (1.5 KB row + counter, "
          f"fsync'd) {floor_med:.3f} ms = {floor_med / ref:.1f}x the plain commit; {round(pages)}-page encrypted "
          f"commit {same_med:.3f} ms = {same_med / ref:.1f}x; real receive {med:.3f} ms = {med / ref:.1f}x the plain "
          f"commit, {med / floor_med:.1f}x the minimal receive; the clerk's CPU {statistics.median(cpu):.3f} ms")


def _gc_time(acc: list[float], phase: str) -> None:
    if phase == "start":
        acc[1] = time.perf_counter()
    else:
        acc[0] += time.perf_counter() - acc[1]


def _merging(store: Any) -> bool:
    return any(level.merging for level in fts_structure.levels(store.conn))


def _tail(times: list[float], cpu: list[float], waited: list[float], in_gc: list[float]) -> str:
    """What the slowest 1 % of receives have in common: own CPU, a wait for the thread's step, the collector."""
    slow = sorted(range(len(times)), key=times.__getitem__)[-max(1, len(times) // 100):]
    n = len(slow)
    return (f"slowest 1 % ({n}): CPU median {statistics.median(cpu[i] for i in slow):.2f} ms, "
            f"{sum(waited[i] > 1 for i in slow)} waited > 1 ms for the thread's step "
            f"(median wait {statistics.median(waited[i] for i in slow):.2f} ms), "
            f"{sum(in_gc[i] > 0.5 for i in slow)} spent > 0.5 ms in GC; all receives: "
            f"{sum(w > 1 for w in waited)} waited > 1 ms, {sum(g > 0.5 for g in in_gc)} had GC > 0.5 ms")


def _write_log(path: Path, *cols: list[float]) -> None:
    with open(path, "w") as fh:
        fh.write("i,wall_ms,cpu_ms,waited_ms,gc_ms\n")
        for i, row in enumerate(zip(*cols, strict=True)):
            fh.write(f"{i}," + ",".join(f"{v:.3f}" for v in row) + "\n")


if __name__ == "__main__":
    main()
