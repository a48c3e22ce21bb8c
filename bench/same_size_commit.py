"""A reference for a receive: one commit that writes as many pages as a receive does, in the same encrypted store.

Why: "one fsync'd commit" (reference.py) writes one plaintext page; a receive writes some forty encrypted pages
(a dozen b-trees: the dossier, its documents and event, the audit rows, the outbox, the search index), and each
page is encrypted before it is written. This shows how far the receive is from the floor its page count sets.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TABLE = "bench_same_size"


def pages_per_commit(store: Any, write: Callable[[], None], n: int = 20) -> float:
    """Median pages (WAL frames) one ``write`` commits: the WAL is emptied before each, its growth measured."""
    wal = Path(f"{store.path}-wal")
    frame = int(store.scalar("PRAGMA page_size")) + 24
    frames = []
    for _ in range(n):
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        before = wal.stat().st_size if wal.exists() else 0
        write()
        frames.append((wal.stat().st_size - max(before, 32)) / frame)
    return statistics.median(frames)


def commit_times(store: Any, pages: int, n: int = 200) -> list[float]:
    """ms of ``n`` commits that each rewrite ``pages`` pages of a scratch table in ``store`` (a copy: it stays)."""
    conn = store.conn
    page = int(store.scalar("PRAGMA page_size"))
    conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, body BLOB)")
    rows = 4 * pages
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)", [(i, os.urandom(page // 2)) for i in range(rows)])
    conn.execute("COMMIT")
    rng = random.Random(10)
    times = []
    for _ in range(n):
        chosen = rng.sample(range(rows), pages - 1)  # one row a page (half a page each), plus the table's root
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"UPDATE {TABLE} SET body = ? WHERE id = ?", [(os.urandom(page // 2), i) for i in chosen])
        conn.execute("COMMIT")
        times.append((time.perf_counter() - t0) * 1000)
    return times


def minimal_receive_times(store: Any, n: int = 200) -> list[float]:
    """ms of ``n`` minimal durable receives in ``store`` (the same encrypted file, ``synchronous=FULL``): one
    dossier-sized row (1.5 KB) inserted and one counter row updated, in one fsync'd transaction. The floor a real
    receive can reach while it stays encrypted and durable; what a receive does beyond it is the rest."""
    conn = store.conn
    conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE}_rows (id INTEGER PRIMARY KEY, body BLOB)")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE}_counter (k INTEGER PRIMARY KEY, n INTEGER)")
    conn.execute(f"INSERT OR IGNORE INTO {TABLE}_counter VALUES (1, 0)")
    times = []
    for _ in range(n):
        body = os.urandom(1536)
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"INSERT INTO {TABLE}_rows (body) VALUES (?)", (body,))
        conn.execute(f"UPDATE {TABLE}_counter SET n = n + 1 WHERE k = 1")
        conn.execute("COMMIT")
        times.append((time.perf_counter() - t0) * 1000)
    return times
