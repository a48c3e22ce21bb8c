"""Schema step: fewer pages written per receive (issue 18, item 10).

1. ``search_pending``: the dossiers whose search entry is still to be written (:mod:`app.store.search_pending`);
   the receive no longer writes its full-text segment.
2. ``dossiers_returned`` keeps only returned dossiers: every query on ``returned_at`` compares it with a time
   (``>=``), which a NULL never passes, so SQLite still uses the partial index there (tested with EXPLAIN QUERY
   PLAN), and a newly received dossier no longer writes a page of it. ``dossiers_finished`` stays whole: the
   carried-over report walks its NULLs (the unfinished dossiers).
3. ``audit_log_action`` keeps the service rows only, as schema step 10 meant (a store made by a tool that copied
   the full index kept one page of it per row image).

Each part looks at the layout first, so running the step again changes nothing.
"""

from __future__ import annotations

from app.store import row_audit
from app.store.driver import Connection
from app.store.search_pending import CREATE

PARTIAL = {
    "dossiers_returned": "CREATE INDEX dossiers_returned ON dossiers(returned_at) WHERE returned_at IS NOT NULL",
    "audit_log_action": f"CREATE INDEX audit_log_action ON audit_log(action, seq) WHERE {row_audit.SERVICE_ROWS}",
}


def _index_sql(conn: Connection, name: str) -> str | None:
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()
    return row[0] if row else None


def migrate_receive_pages(conn: Connection) -> None:
    conn.execute(CREATE)
    for name, sql in PARTIAL.items():
        if _index_sql(conn, name) != sql:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
            conn.execute(sql)
