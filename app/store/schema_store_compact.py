"""Schema step: a dossier's documents name their text once per store, and the search index keeps no positions.

Why (issue 18, item 12: at most 2.5 KB a dossier): two parts of a store repeated what they need not.

1. ``dossier_documents`` kept its own copy of each document's name, the catalogue's long sentences (often 200
   characters and more), once per dossier: about 500 bytes a dossier. The text now sits once in
   ``document_names`` (append-only, one row per distinct text) and a document row keeps its number. A name is
   interned as it was received, not pointed at the live catalogue: the receipt of an old dossier prints the
   names it was received with after the catalogue changes, and a name the clerk typed is interned like any other.
   The audit chain hashes the text as before (:data:`app.store.row_audit.REFERENCED`): no history is
   re-hashed or re-recorded, and an edit of an interned text shows as drift on every document naming it.
2. The full-text index stored, for every word, the columns and positions it stands at (only column filters,
   phrases and NEAR use them) and a size per column (only ranking uses it): about 400 bytes a dossier. The search
   uses none of them: it orders by row id, quotes single words (:mod:`app.store.fts_words`) and applies its
   one-field rule to the fetched entries in Python (:mod:`app.store.search`), the exact ID/phone tier too. So the
   index is made again with ``detail=none`` and ``columnsize=0`` (an FTS5 table cannot change these options),
   its text and tags copied as they are.

Both parts look at the layout first, so running the step again changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.store import row_audit
from app.store.driver import Connection
from app.store.schema_search_views import FTS_COLUMNS, FTS_OPTIONS
from app.store.search_tags import tags_sql

DOCUMENT_NAMES = "CREATE TABLE document_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"
NAME_GUARDS = (
    "CREATE TRIGGER document_names_no_update BEFORE UPDATE ON document_names "
    "BEGIN SELECT RAISE(ABORT, 'document_names is append-only'); END",
    "CREATE TRIGGER document_names_no_delete BEFORE DELETE ON document_names "
    "BEGIN SELECT RAISE(ABORT, 'document_names is append-only'); END",
)
DOCUMENTS_TABLE = """CREATE TABLE dossier_documents (
    id INTEGER PRIMARY KEY,
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    position INTEGER NOT NULL,
    name_id INTEGER NOT NULL REFERENCES document_names(id),
    originals INTEGER NOT NULL DEFAULT 0,
    certified_copies INTEGER NOT NULL DEFAULT 0,
    photocopies INTEGER NOT NULL DEFAULT 0,
    pages INTEGER
)"""
_COUNTS = "originals, certified_copies, photocopies, pages"
COPY_HASHSIZE, HASHSIZE = 64 << 20, 1 << 20  # bytes of pending index FTS5 holds before writing a segment
SEARCH_OPTIONS = f"{FTS_OPTIONS}, detail = none, columnsize = 0"
SEARCH_TAGS_TRIGGER = (
    "CREATE TRIGGER dossier_search_tags AFTER UPDATE OF status, received_day, procedure_code ON dossiers"
    f" BEGIN UPDATE dossier_search SET tags = {tags_sql('new')} WHERE rowid = new.seq; END"
)


def migrate_store_compact(conn: Connection) -> None:
    intern_document_names(conn)
    rebuild_search(conn)


def intern_document_names(conn: Connection) -> bool:
    """Move the documents' names into ``document_names``; False when the store already has that layout."""
    if "name_id" in {r[1] for r in conn.execute("PRAGMA table_info(dossier_documents)")}:
        return False
    recorded = row_audit.trackings(conn).get("dossier_documents")
    conn.execute(DOCUMENT_NAMES)
    for sql in NAME_GUARDS:
        conn.execute(sql)
    conn.execute(  # first used, first numbered; the unique index drops the repeats (no sort of every name)
        "INSERT OR IGNORE INTO document_names (name) SELECT name FROM dossier_documents ORDER BY id"
    )
    row_audit.drop_triggers(conn, "dossier_documents")  # they name the old columns: made again below
    conn.execute("DROP INDEX IF EXISTS dossier_documents_dossier")
    conn.execute("ALTER TABLE dossier_documents RENAME TO dossier_documents_old")
    conn.execute(DOCUMENTS_TABLE)
    conn.execute(
        f"INSERT INTO dossier_documents (id, dossier_id, position, name_id, {_COUNTS}) "
        f"SELECT id, dossier_id, position, (SELECT n.id FROM document_names AS n WHERE n.name = o.name), {_COUNTS} "
        "FROM dossier_documents_old AS o ORDER BY id"
    )
    conn.execute("DROP TABLE dossier_documents_old")
    conn.execute("CREATE INDEX dossier_documents_dossier ON dossier_documents(dossier_id)")
    tracking = row_audit.tracking_of(conn, "dossier_documents")
    if tracking is None:  # cannot be: the table was just made
        raise RuntimeError("dossier_documents missing after its rebuild")
    row_audit.install_triggers(conn, tracking)
    if recorded != tracking:  # the chain hashes the same columns as before; a store that never tracked them now does
        row_audit.track(conn, tracking, at=datetime.now(UTC).isoformat(timespec="seconds"))
    return True


def rebuild_search(conn: Connection) -> bool:
    """Make the search index again without positions; False when it already has none."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'dossier_search'").fetchone()
    if sql is None or "detail" in sql[0]:
        return False
    conn.execute(f"CREATE VIRTUAL TABLE dossier_search_new USING fts5({FTS_COLUMNS}, {SEARCH_OPTIONS})")
    # A bigger in-memory buffer for the bulk copy (fewer, larger segments to merge), back to the default after.
    conn.execute(f"INSERT INTO dossier_search_new(dossier_search_new, rank) VALUES ('hashsize', {COPY_HASHSIZE})")
    conn.execute(
        f"INSERT INTO dossier_search_new (rowid, {FTS_COLUMNS}) SELECT rowid, {FTS_COLUMNS} FROM dossier_search"
    )
    conn.execute(f"INSERT INTO dossier_search_new(dossier_search_new, rank) VALUES ('hashsize', {HASHSIZE})")
    # Merged on the store's background thread, not inside the clerk's commits (app.store.checkpoint).
    conn.execute("INSERT INTO dossier_search_new(dossier_search_new, rank) VALUES ('automerge', 0)")
    conn.execute("DROP TRIGGER IF EXISTS dossier_search_tags")  # it names the table: made again after the rename
    conn.execute("DROP TABLE dossier_search")
    conn.execute("ALTER TABLE dossier_search_new RENAME TO dossier_search")
    conn.execute(SEARCH_TAGS_TRIGGER)
    return True
