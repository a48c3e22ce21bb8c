"""Every change of every row that matters goes into the audit chain, written by SQLite triggers.

Why triggers: a service can forget to audit, and a direct ``UPDATE`` from a SQLite tool bypasses every service.
A trigger fires for both. Each trigger appends a ``row.insert`` / ``row.update`` / ``row.delete`` audit row whose
detail is the SHA-256 of the row's new content, chained like every other audit row. The hashing functions are
Python functions registered on the app's connections (:func:`register_functions`), so a plain SQLite tool cannot
even run the trigger: its ``UPDATE`` fails with "no such function". Dropping the triggers first makes the edit
possible, but then the table no longer matches the chain, and :func:`find_drift` names the row.

Which columns are hashed is written into the chain itself (one ``audit.track`` row per table, at install), so a
later migration that adds a column changes nothing until it calls :func:`install` again.

Compact on disk (a receive writes four audit rows, and the log is most of a store's bytes): a row's own hash and a
row image's digest are 32-byte blobs, and the previous row's hash is not stored (it is the previous row's hash;
the walk recomputes it). The hashed material is unchanged since the first chain, hex text and JSON as before
(:func:`detail_text` gives the JSON a digest blob stands for), so history written before the compaction verifies
as it did, and the anchors kept outside (hex) still name the same hashes. Likewise a column kept as a number into
interned text (:data:`REFERENCED`) is hashed as its text, as before it was interned.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.store.jsonutil import dumps, loads

# The tables whose rows are the office's record. Left out on purpose: audit_log (the chain itself), the search
# index (rebuilt from dossiers), sync_state (cursors the server can resend), login_attempts (a counter) and the
# outbox (sync's delivery queue: its events are copies of tracked dossier_events, and acknowledging and pruning
# them must not grow the chain by two rows per event for ever; the server's anchors and the dossier rows it holds
# are what show a dossier that never arrived).
TRACKED: tuple[str, ...] = (
    "settings",
    "procedures",
    "users",
    "dossiers",
    "dossier_documents",
    "dossier_events",
    "queue_services",
    "queue_counters",
    "queue_counter_services",
    "queue_settings",
    "queue_numbers",
    "queue_tickets",
    "queue_ticket_dossiers",
    "queue_events",
)
# Left out since the compact audit: daily_counters (the code counter: every code it hands out is in a tracked
# dossier row and in the fsync'd high-water file, and a counter moved back only makes the next receive fail on the
# unique code) and procedures.use_count (the popularity order of the catalogue list). Both changed on every
# receive, two audit rows that said nothing the dossier.receive row does not.
UNTRACKED_COLUMNS: dict[str, tuple[str, ...]] = {"procedures": ("use_count",)}
# Tables whose integer primary key is only a local row number: the audit names their rows by their UUID instead.
KEY_OVERRIDES: dict[str, tuple[str, ...]] = {"dossiers": ("id",), "queue_tickets": ("id",)}
# Columns a table keeps as a number into a table of interned text (schema step ``schema_store_compact``): the
# chain hashes the text itself, as it did before, so history verifies unchanged and no row is re-recorded.
# column -> (the column holding the number, the SQL giving the text back for the row ``{row}``).
REFERENCED: dict[str, dict[str, tuple[str, str]]] = {
    "dossier_documents": {"name": ("name_id", "(SELECT n.name FROM document_names AS n WHERE n.id = {row}.name_id)")},
}
ROW_ACTIONS = ("row.insert", "row.update", "row.delete", "row.baseline")
GENESIS = bytes(32)
ROW_ACTOR = "store"
# The rows a service wrote (and the audit.track rows), not the row images: the one condition of the partial index
# ``audit_log_action``. A query by action repeats it word for word, or SQLite cannot use the index.
SERVICE_ROWS = "action NOT LIKE 'row.%'"
_NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def detail_text(detail: str | bytes | None) -> str:
    """The JSON a row's detail stands for: a row image's digest is stored as a blob (NULL: the row was deleted)."""
    if isinstance(detail, str):
        return detail
    return '{"digest":null}' if detail is None else '{"digest":"' + bytes(detail).hex() + '"}'


def chain_hash(
    prev_hash: bytes,
    seq: int,
    at: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: str | bytes | None,
) -> bytes:
    """The hash of one audit row, the same whether Python or a trigger appends it (32 bytes)."""
    material = dumps([bytes(prev_hash).hex(), seq, at, actor, action, object_type, object_id, detail_text(detail)])
    return hashlib.sha256(material.encode("utf-8")).digest()


def content_digest(content: str | None) -> bytes | None:
    return None if content is None else hashlib.sha256(content.encode("utf-8")).digest()


def register_functions(conn: sqlite3.Connection) -> None:
    """Make the triggers runnable on ``conn`` (every connection the app opens)."""
    conn.create_function("motcua_chain", 8, chain_hash, deterministic=True)
    conn.create_function("motcua_digest", 1, content_digest, deterministic=True)


@dataclass(frozen=True)
class Tracking:
    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    referenced: tuple[str, ...] = field(default=(), compare=False)  # columns kept as a number in this layout

    def key_sql(self, alias: str) -> str:
        return " || '|' || ".join(f"CAST({alias}.\"{c}\" AS TEXT)" for c in self.key)

    def content_sql(self, alias: str) -> str:
        return "json_array(" + ", ".join(self._column_sql(alias, c) for c in self.columns) + ")"

    def _column_sql(self, alias: str, column: str) -> str:
        if column in self.referenced:
            return REFERENCED[self.table][column][1].format(row=alias)
        return f'{alias}."{column}"'

    def detail(self) -> dict[str, list[str]]:
        return {"key": list(self.key), "columns": list(self.columns)}


def tracking_of(conn: sqlite3.Connection, table: str) -> Tracking | None:
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    if not info:
        return None
    skipped = UNTRACKED_COLUMNS.get(table, ())
    stored = {number: column for column, (number, _) in REFERENCED.get(table, {}).items()}
    columns = tuple(stored.get(r[1], r[1]) for r in info if r[1] not in skipped)
    key = KEY_OVERRIDES.get(table) or tuple(r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5]))
    return Tracking(table, key, columns, _referenced(conn, table))


def _referenced(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """The columns of ``table`` kept as numbers in its current layout (a store not yet upgraded keeps text)."""
    present = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
    return tuple(c for c, (number, _) in REFERENCED.get(table, {}).items() if number in present)


def _trigger_sql(t: Tracking, event: str) -> str:
    row = "OLD" if event == "DELETE" else "NEW"
    action = {"INSERT": "row.insert", "UPDATE": "row.update", "DELETE": "row.delete"}[event]
    detail = "NULL" if event == "DELETE" else f"motcua_digest({t.content_sql(row)})"
    oid = t.key_sql(row)
    # An update of untracked columns only (procedures.use_count) fires nothing: its content digest is unchanged.
    columns = ", ".join(f'"{c}"' for c in t.columns)
    when = f"UPDATE OF {columns}" if event == "UPDATE" and t.table in UNTRACKED_COLUMNS else event
    return (
        f'CREATE TRIGGER "audit_row_{t.table}_{event.lower()}" AFTER {when} ON "{t.table}" BEGIN '
        "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, detail, hash) "
        f"SELECT h.seq + 1, h.at, '{ROW_ACTOR}', '{action}', '{t.table}', h.oid, h.detail, "
        f"motcua_chain(h.prev, h.seq + 1, h.at, '{ROW_ACTOR}', '{action}', '{t.table}', h.oid, h.detail) "
        "FROM (SELECT coalesce(l.seq, 0) AS seq, coalesce(l.hash, zeroblob(32)) AS prev, "
        f"{_NOW_SQL} AS at, {oid} AS oid, {detail} AS detail "
        "FROM (SELECT 1) LEFT JOIN (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS l) AS h; END"
    )


def install_triggers(conn: sqlite3.Connection, tracking: Tracking) -> None:
    for event in ("INSERT", "UPDATE", "DELETE"):
        conn.execute(f'DROP TRIGGER IF EXISTS "audit_row_{tracking.table}_{event.lower()}"')
        conn.execute(_trigger_sql(tracking, event))


def drop_triggers(conn: sqlite3.Connection, table: str) -> None:
    for event in ("insert", "update", "delete"):
        conn.execute(f'DROP TRIGGER IF EXISTS "audit_row_{table}_{event}"')


def track(conn: sqlite3.Connection, tracking: Tracking, at: str) -> None:
    """Record in the chain which columns of ``tracking.table`` are hashed, and each existing row's digest."""
    from app.store.audit import append_rows

    rows: list[tuple[str, str, str, str | bytes | None]] = [
        ("audit.track", "table", tracking.table, dumps(tracking.detail()))
    ]
    cur = conn.execute(
        f"SELECT {tracking.key_sql('t')}, motcua_digest({tracking.content_sql('t')}) FROM \"{tracking.table}\" AS t"
    )
    rows.extend(("row.baseline", tracking.table, oid, digest) for oid, digest in cur)
    append_rows(conn, at=at, actor=ROW_ACTOR, rows=rows)


def install(conn: sqlite3.Connection, at: str) -> None:
    """(Re)create the triggers of every tracked table and record each existing row's content in the chain.

    Runs inside a migration's transaction; ``register_functions`` must have been called on ``conn``.
    """
    conn.execute("CREATE INDEX IF NOT EXISTS audit_log_object ON audit_log(object_type, object_id, seq)")
    for table in TRACKED:
        tracking = tracking_of(conn, table)
        if tracking is None:
            continue
        install_triggers(conn, tracking)
        track(conn, tracking, at)


@dataclass(frozen=True)
class Drift:
    """A tracked row whose content is not what the chain last recorded for it."""

    table: str
    object_id: str
    seq: int | None  # the audit row that last recorded it, if any
    reason: str


def trackings(conn: sqlite3.Connection) -> dict[str, Tracking]:
    """The column lists as recorded in the (already verified) chain."""
    found: dict[str, Tracking] = {}
    for oid, detail in conn.execute(
        "SELECT object_id, detail FROM audit_log WHERE action = 'audit.track' AND object_type = 'table' "
        f"AND {SERVICE_ROWS} ORDER BY seq"
    ):
        data = loads(detail, {})
        found[oid] = Tracking(oid, tuple(data.get("key", ())), tuple(data.get("columns", ())), _referenced(conn, oid))
    return found


# A row image's digest: a blob since the compact audit, JSON with hex in a row written before it.
_DIGEST_SQL = "(CASE WHEN typeof(a.detail) = 'text' THEN unhex(json_extract(a.detail, '$.digest')) ELSE a.detail END)"


def find_drift(conn: sqlite3.Connection) -> Iterator[Drift]:
    """Rows edited, added or deleted behind the triggers' back (run after the chain itself verified)."""
    recorded = trackings(conn)
    for table in TRACKED:
        tracking = recorded.get(table)
        if tracking is None:
            if tracking_of(conn, table) is not None:
                yield Drift(table, "", None, "table not covered by the audit chain")
            continue
        latest = (
            f"SELECT a.object_id AS oid, a.seq AS seq, {_DIGEST_SQL} AS digest FROM audit_log a "
            "JOIN (SELECT object_id, max(seq) AS m FROM audit_log WHERE object_type = :t "
            "AND action IN ('row.insert', 'row.update', 'row.delete', 'row.baseline') GROUP BY object_id) l "
            "ON a.seq = l.m"
        )
        current = (
            f"SELECT {tracking.key_sql('t')} AS oid, motcua_digest({tracking.content_sql('t')}) AS digest "
            f'FROM "{table}" AS t'
        )
        for oid, seq, digest in conn.execute(
            f"SELECT c.oid, l.seq, l.digest FROM ({current}) c LEFT JOIN ({latest}) l ON l.oid = c.oid "
            "WHERE l.digest IS NOT c.digest LIMIT 20",
            {"t": table},
        ):
            reason = "row not in the audit chain" if digest is None else "row differs from its audited content"
            yield Drift(table, oid, seq, reason)
        for oid, seq in conn.execute(
            f"SELECT l.oid, l.seq FROM ({latest}) l WHERE l.digest IS NOT NULL "
            f"AND l.oid NOT IN (SELECT {tracking.key_sql('t')} FROM \"{table}\" AS t) LIMIT 20",
            {"t": table},
        ):
            yield Drift(table, oid, seq, "row deleted outside the audit chain")
