"""Schema step: searching inside the list's views at 1,000,000 dossiers (issue 18, item 8).

1. The search entry gets a ``tags`` column (status, received day, procedure: see :mod:`app.store.search_tags`)
   and a trigger keeps it equal to the dossier's row. Its segments are merged off the clerk's commits
   (``automerge=0``; :mod:`app.store.checkpoint` merges them).
2. ``dossiers(procedure_code, status, seq)`` replaces ``dossiers(procedure_code)``: with the old index a
   procedure's open dossiers were found by reading every dossier of the procedure (50,000 row lookups, 2.6 s
   at 1M) to count them or find the oldest; the new one answers from the index and serves the procedure alone.

Why a new table: an FTS5 table cannot gain a column, so the entries are copied into a new one (their folded
text as it is, the tags from the dossiers) which then takes the old name. At 1,000,000 dossiers this takes a few
minutes once, on the first start of this version (after the usual backup). The prefix indexes go up to six
letters: a typed word longer than the longest prefix index costs FTS5 a merge of every term starting with it
(tens of ms for "nguyen" or "dang" at 1M), a shorter one is a single lookup.
"""

from __future__ import annotations

from app.store.driver import Connection
from app.store.search_tags import tags_sql

FTS_COLUMNS = "code, applicant, id_number, phone, procedure, tags"
FTS_OPTIONS = "tokenize = \"unicode61 remove_diacritics 2\", prefix = '2 3 4 5 6'"


def migrate_search_views(conn: Connection) -> None:
    conn.execute(f"CREATE VIRTUAL TABLE dossier_search_new USING fts5({FTS_COLUMNS}, {FTS_OPTIONS})")
    conn.execute(
        f"INSERT INTO dossier_search_new (rowid, {FTS_COLUMNS})"
        f" SELECT s.rowid, s.code, s.applicant, s.id_number, s.phone, s.procedure, {tags_sql('d')}"
        " FROM dossier_search AS s JOIN dossiers AS d ON d.seq = s.rowid"
    )
    # Merged on the store's background thread, not inside the clerk's commits (app.store.checkpoint).
    conn.execute("INSERT INTO dossier_search_new(dossier_search_new, rank) VALUES ('automerge', 0)")
    conn.execute("DROP TABLE dossier_search")
    conn.execute("ALTER TABLE dossier_search_new RENAME TO dossier_search")
    conn.execute(
        "CREATE TRIGGER dossier_search_tags AFTER UPDATE OF status, received_day, procedure_code ON dossiers"
        f" BEGIN UPDATE dossier_search SET tags = {tags_sql('new')} WHERE rowid = new.seq; END"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS dossiers_procedure_status ON dossiers(procedure_code, status, seq)")
    conn.execute("DROP INDEX IF EXISTS dossiers_procedure")
