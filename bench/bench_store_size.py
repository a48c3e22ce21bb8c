"""Bytes a real dossier leaves in the store (item 12 of issue 18; run by hand).

Receives ``--n`` dossiers through the real services (``--steps 3``: and takes each through processing,
processed and result returned), the server acknowledges every sync event, then measures the pages in use per dossier
before and after pruning the acknowledged events older than the retention (``outbox.prune_acknowledged``),
and the same store's CSV export size as a reference. Goal: <= 2.5 KB per dossier, audit trail whole.
``--repo /work/main`` measures another checkout (no pruning there).

Usage: .venv/bin/python bench/bench_store_size.py [--n 1000] [--repo PATH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import use_repo


def used_bytes(store) -> int:
    """Pages in use once the search index is merged and the WAL is home, as in a store that has run a while.
    The background thread stops first (its merge would wait on this TRUNCATE checkpoint and fail)."""
    from app.store import checkpoint

    store.checkpointer.close()
    if hasattr(checkpoint, "merge_steps"):  # older checkouts (--repo) merge inside the commits
        checkpoint.merge_steps(store.conn, steps=100_000)
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = int(store.scalar("PRAGMA page_count")) - int(store.scalar("PRAGMA freelist_count"))
    return pages * int(store.scalar("PRAGMA page_size"))  # SQLCipher answers page_size as text


def _table_sizes(store, folder: Path) -> list[tuple[str, int]]:
    """Bytes per table and index, read with ``dbstat`` from a plain export (SQLCipher is built without it)."""
    import sqlite3

    from app.store import driver

    plain = folder / "plain-copy.sqlite3"
    store.conn.execute(driver.attach_sql("plain", None), (str(plain),))
    store.conn.execute("SELECT sqlcipher_export('plain')")
    store.conn.execute("DETACH DATABASE plain")
    conn = sqlite3.connect(plain)
    try:
        return conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    finally:
        conn.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--repo", type=Path)
    ap.add_argument("--steps", type=int, default=0, help="status changes per dossier after receiving (0-3)")
    ap.add_argument("--tables", action="store_true", help="print the bytes per dossier of each table and index")
    args = ap.parse_args()
    use_repo(args.repo)
    from app.domain.status import Status
    from app.services.clock import FixedClock, iso
    from app.services.context import Actor, ServiceContext
    from app.services.receive import ReceiveInput, receive_dossier
    from app.services.setup import init_office, open_store
    from app.services.status_change import change_status
    from app.store import audit, outbox

    with tempfile.TemporaryDirectory(dir="/work/bench-data") as tmp:
        folder = Path(tmp)
        store = open_store(folder)
        from datetime import datetime

        from app.domain.timezone import VN_TZ

        clock = FixedClock(datetime(2026, 11, 2, 8, 0, tzinfo=VN_TZ))
        ctx = ServiceContext(store=store, data_dir=folder, clock=clock, actor=Actor("sup", "Sup", "supervisor"))
        init_office(ctx, office_code="000.00.12.H62", office_name="UBND xã Hòa An", admin_password="bench-pass-1")
        empty = used_bytes(store)
        for i in range(args.n):
            if i and i % 300 == 0:
                clock.advance(days=1)
            clock.advance(seconds=60)
            code = receive_dossier(ctx, ReceiveInput(
                "1.004873", "Nguyễn Văn Mạnh", f"0010850{i:05d}", phone="0912345678",
                address="Số 12 kiệt 34 đường Trường Chinh, thôn Phước Lý, xã Hòa An")).code
            for target in (Status.PROCESSING, Status.PROCESSED, Status.RETURNED)[: args.steps]:
                change_status(ctx, code, target)
        events = [e.id for e in outbox.pending(store, limit=10 * args.n)]
        outbox.mark_acked(store, events, iso(clock.now()))
        before = (used_bytes(store) - empty) / args.n
        from app.reports.csvout import log_csv
        from app.reports.logbook import log_rows
        from app.store.reports import Scope

        csv = len(log_csv(log_rows(store, Scope("2026-01-01", "2027-12-31"), clock.now()))) / args.n
        line = f"store per dossier ({args.repo or 'this checkout'}): {before:.0f} B with acknowledged events"
        if hasattr(outbox, "prune_acknowledged"):
            clock.advance(days=outbox.ACKED_RETENTION_DAYS + 1)
            cutoff = iso(clock.now() - timedelta(days=outbox.ACKED_RETENTION_DAYS))
            while outbox.prune_acknowledged(store, before=cutoff):
                pass
            after = (used_bytes(store) - empty) / args.n
            line += f", {after:.0f} B after the retention ({after / csv:.1f}x its CSV line)"
        if args.tables:
            for name, size in _table_sizes(store, folder):
                print(f"  {name:32s} {size / args.n:8.0f} B per dossier")
        assert audit.verify(store).ok
        store.close()
    print(f"{line}; CSV export {csv:.0f} B per dossier; ratio {before / csv:.1f}x (goal <= 2.5 KB)")


if __name__ == "__main__":
    main()
