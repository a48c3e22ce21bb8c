"""Reference figures measured in the same run as a benchmark, so results read as ratios across machines.

Why: the 2-core test machine is shared and its disk and CPU speed vary from run to run; "2× one fsync'd
commit" means something on any PC, "3.1 ms" does not.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from pathlib import Path


def use_repo(repo: Path | None) -> None:
    """Import ``app`` from ``repo`` (e.g. /work/main, for the "before" figures) instead of this checkout."""
    root = Path(repo) if repo else Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def fsync_commit_ms(folder: Path, n: int = 200) -> float:
    """Median ms of one small INSERT committed in its own transaction, WAL + synchronous=FULL (one fsync)."""
    return statistics.median(fsync_commit_times(folder, n))


def fsync_commit_times(folder: Path, n: int = 200) -> list[float]:
    """Each of ``n`` such commits' ms (their p99 is the machine's own noise floor for a commit)."""
    path = Path(folder) / "reference-commit.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)")
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (body) VALUES (?)", (f"row {i} " * 20,))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - t0) * 1000)
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return times
