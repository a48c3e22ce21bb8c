"""How long the compact-store schema step takes on a big store (item 12 of issue 18; run by hand, on a COPY).

Opens the store in ``--dir`` without migrating it, then times what ``migrate()`` would do for the step
``schema_store_compact``: the documents' names interned, the search index made again, the commit; with
``--vacuum`` then a VACUUM (the freed pages go back to the disk), and with ``--drift`` the audit's check that
every document row still matches its last audited content. Prints the file's size and the pages in use before
and after. ``--fill-documents N`` first gives each dossier without documents up to N of its procedure's catalogue
documents, in the old layout and behind the audit's back (bench/bigstore.py makes dossiers without documents;
the drift check then names them, so use it for the timing only). The store must already be at the step before
(schema ``LATEST - 1``): this script changes the store it opens, so make a copy of a 1M store first, e.g.
``cp -a /work/bench-data/audit18-1m /work/bench-data/store12-1m``.

Usage: .venv/bin/python bench/bench_store_compact.py --dir /work/bench-data/store12-1m [--vacuum] [--drift]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _pages(store) -> str:
    size = int(store.scalar("PRAGMA page_size"))
    used = int(store.scalar("PRAGMA page_count")) - int(store.scalar("PRAGMA freelist_count"))
    return f"{used * size / 1e6:.0f} MB in use, file {store.path.stat().st_size / 1e6:.0f} MB"


def _fill_documents(store, most: int) -> None:
    from app.store import row_audit

    t = time.perf_counter()
    with store.transaction():
        row_audit.drop_triggers(store.conn, "dossier_documents")
        store.execute(
            "INSERT INTO dossier_documents (dossier_id, position, name, originals) "
            "SELECT d.id, j.key + 1, json_extract(j.value, '$.name_vi'), 1 FROM dossiers AS d "
            "JOIN procedures AS p ON p.code = d.procedure_code, json_each(p.record, '$.documents') AS j "
            "WHERE j.key < ? AND NOT EXISTS (SELECT 1 FROM dossier_documents AS x WHERE x.dossier_id = d.id) "
            "ORDER BY d.seq, j.key",
            (most,),
        )
        tracking = row_audit.tracking_of(store.conn, "dossier_documents")
        row_audit.install_triggers(store.conn, tracking)
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"documents filled in {time.perf_counter() - t:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, required=True)
    ap.add_argument("--vacuum", action="store_true")
    ap.add_argument("--drift", action="store_true")
    ap.add_argument("--fill-documents", type=int, default=0)
    args = ap.parse_args()
    from app.store import migrations, row_audit
    from app.store.db import Store
    from app.store.schema_store_compact import intern_document_names, rebuild_search

    store = Store.in_folder(args.dir)
    if store.user_version != migrations.LATEST - 1:
        sys.exit(f"the store is at schema {store.user_version}, not {migrations.LATEST - 1}: use a fresh copy")
    if args.fill_documents:
        _fill_documents(store, args.fill_documents)
    dossiers = int(store.scalar("SELECT count(*) FROM dossiers"))
    documents = int(store.scalar("SELECT count(*) FROM dossier_documents"))
    print(f"{dossiers} dossiers, {documents} documents; before: {_pages(store)}")
    timings: list[tuple[str, float]] = []
    start = time.perf_counter()
    store.conn.execute("BEGIN IMMEDIATE")
    for name, step in (("intern document names", intern_document_names), ("rebuild search index", rebuild_search)):
        t, cpu = time.perf_counter(), time.process_time()
        step(store.conn)
        timings.append((name, time.perf_counter() - t))
        timings.append(("  its CPU time", time.process_time() - cpu))
    store.conn.execute(f"PRAGMA user_version={migrations.LATEST}")
    t = time.perf_counter()
    store.conn.execute("COMMIT")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    timings += [("commit + checkpoint", time.perf_counter() - t), ("step in all", time.perf_counter() - start)]
    print(f"after the step: {_pages(store)}")
    if args.vacuum:
        t = time.perf_counter()
        store.conn.execute("VACUUM")
        timings.append(("VACUUM", time.perf_counter() - t))
        print(f"after VACUUM: {_pages(store)}")
    if args.drift:
        t = time.perf_counter()
        drift = [d for d in row_audit.find_drift(store.conn) if d.table == "dossier_documents"]
        timings.append(("drift check (all tables)", time.perf_counter() - t))
        print(f"dossier_documents drift: {len(drift)} rows")
    for name, seconds in timings:
        print(f"  {name:28s} {seconds:8.1f} s")
    store.close()


if __name__ == "__main__":
    main()
