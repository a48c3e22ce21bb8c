"""Hub backup benchmark: how long ``hub backup`` and ``hub restore`` take for a hub holding N MB of scanned pages,
and what a backup costs the serving hub (a writer's commit latency during a backup against without one).

Run: ``.venv/bin/python bench/bench_hub_backup.py [--mb 300] [--runs 3]``. The pages are random bytes (PDF/JPEG
do not compress) of 150 KB, as rows like the server keeps them; the writer commits one small row in a loop, as
the hub does for each push or ticket.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("MOTCUA_KEY_DIR", tempfile.mkdtemp(prefix="motcua-bench-keys-"))

from app.services.hub_keys import AppHubKeys
from sync.hub import keys as hub_keys
from sync.hub.backup import backup_hub
from sync.hub.folder import HubFolder
from sync.hub.restore import restore_hub
from tests.office.hubfolder import make_hub

PAGE = 150_000


def fill(folder: HubFolder, mb: int) -> None:
    db = hub_keys.open_database(folder, AppHubKeys())
    try:
        for start in range(0, mb * 1_000_000 // PAGE, 50):
            with db.transaction() as tx:
                tx.executemany("INSERT INTO hub_state (key, value) VALUES (?, ?)",
                               [(f"page{start + i}", os.urandom(PAGE)) for i in range(50)])
    finally:
        db.close()


def commits(folder: HubFolder, seconds: float, during: threading.Event | None = None) -> list[float]:
    """Commit latencies (ms) of one small write after another for ``seconds`` (or while ``during`` is unset)."""
    db = hub_keys.open_database(folder, AppHubKeys())
    out: list[float] = []
    end = time.monotonic() + seconds
    try:
        n = 0
        while (during is not None and not during.is_set()) or (during is None and time.monotonic() < end):
            t = time.perf_counter()
            with db.transaction() as tx:
                tx.execute("INSERT OR REPLACE INTO hub_state (key, value) VALUES (?, ?)", (f"w{n % 100}", "x"))
            out.append((time.perf_counter() - t) * 1000)
            n += 1
    finally:
        db.close()
    return out


def pct(values: list[float], q: float) -> float:
    return sorted(values)[int(q * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    keys = AppHubKeys()  # the hub's database is encrypted with this PC's key, as `motcua hub …` opens it
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_hub(root / "pc", "000.00.12.H62")
        fill(folder, args.mb)
        size = folder.database.stat().st_size / 1e6
        quiet = commits(folder, 3.0)
        times, during = [], []
        archive = None
        for _ in range(args.runs):
            done = threading.Event()
            result: list[list[float]] = []
            writer = threading.Thread(target=lambda d=done, r=result: r.append(commits(folder, 0, d)))
            writer.start()
            t = time.perf_counter()
            archive = backup_hub(root / "pc", root / "out", key_source=keys)
            times.append(time.perf_counter() - t)
            done.set()
            writer.join()
            during += result[0]
        assert archive is not None
        restores, dead = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            restore_hub(root / "pc", archive, key_source=keys)  # the replaced database reads: its queue is carried over
            restores.append(time.perf_counter() - t)
        for _ in range(args.runs):
            folder.database.write_bytes(b"")  # a dead disk: nothing to carry, the series jump
            t = time.perf_counter()
            restore_hub(root / "pc", archive, key_source=keys)
            dead.append(time.perf_counter() - t)
        print(f"hub database {size:.0f} MB, archive {archive.stat().st_size / 1e6:.0f} MB")
        print(f"backup: median {statistics.median(times):.2f} s ({args.runs} runs)")
        print(f"restore (check, queue carried, safety copy, move in): median {statistics.median(restores):.2f} s")
        print(f"restore over a dead database (queue numbers jumped): median {statistics.median(dead):.2f} s")
        print(f"a writer's commit: without a backup p50 {pct(quiet, 0.5):.2f} ms p95 {pct(quiet, 0.95):.2f} ms "
              f"({len(quiet)}); during one p50 {pct(during, 0.5):.2f} ms p95 {pct(during, 0.95):.2f} ms "
              f"max {max(during):.1f} ms ({len(during)})")


if __name__ == "__main__":
    main()
