"""Every change of every row that matters goes into the audit chain, written by SQLite triggers.

Why triggers: a service can forget to audit, and a direct ``UPDATE`` from a SQLite tool bypasses every service.
A trigger fires for both. Each trigger appends a ``row.insert`` / ``row.update`` / ``row.delete`` audit row whose
detail is the SHA-256 of the row's new content, chained like every other audit row. The hashing functions are
Python functions registered on the app's connections (:func:`register_functions`), so a plain SQLite tool cannot
even run the trigger: its ``UPDATE`` fails with "no such function". Dropping the triggers first makes the edit
possible, but then the table no longer matches the chain, and :func:`find_drift` names the row.

Which columns are hashed is written into the chain itself (one ``audit.track`` row per table, at install), so a
later migration that adds a column changes nothing until it calls :func:`install` again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

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
    "daily_counters",
    "queue_services",
    "queue_counters",
    "queue_counter_services",
    "queue_settings",
    "queue_numbers",
    "queue_tickets",
    "queue_ticket_dossiers",
    "queue_events",
)
# Tables whose integer primary key is only a local row number: the audit names their rows by their UUID instead.
KEY_OVERRIDES: dict[str, tuple[str, ...]] = {"dossiers": ("id",), "queue_tickets": ("id",)}
ROW_ACTIONS = ("row.insert", "row.update", "row.delete", "row.baseline")
GENESIS = "0" * 64
ROW_ACTOR = "store"
_NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def chain_hash(
    prev_hash: str, seq: int, at: str, actor: str, action: str, object_type: str, object_id: str, detail: str
) -> str:
    """The hash of one audit row, the same whether Python or a trigger appends it."""
    material = dumps([prev_hash, seq, at, actor, action, object_type, object_id, detail])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def content_digest(content: str | None) -> str | None:
    return None if content is None else hashlib.sha256(content.encode("utf-8")).hexdigest()


def register_functions(conn: sqlite3.Connection) -> None:
    """Make the triggers runnable on ``conn`` (every connection the app opens)."""
    conn.create_function("motcua_chain", 8, chain_hash, deterministic=True)
    conn.create_function("motcua_digest", 1, content_digest, deterministic=True)


@dataclass(frozen=True)
class Tracking:
    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]

    def key_sql(self, alias: str) -> str:
        return " || '|' || ".join(f"CAST({alias}.\"{c}\" AS TEXT)" for c in self.key)

    def content_sql(self, alias: str) -> str:
        return "json_array(" + ", ".join(f'{alias}."{c}"' for c in self.columns) + ")"

    def detail(self) -> dict[str, list[str]]:
        return {"key": list(self.key), "columns": list(self.columns)}


def _tracking_of(conn: sqlite3.Connection, table: str) -> Tracking | None:
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    if not info:
        return None
    columns = tuple(r[1] for r in info)
    key = KEY_OVERRIDES.get(table) or tuple(r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5]))
    return Tracking(table, key, columns)


def _trigger_sql(t: Tracking, event: str) -> str:
    row = "OLD" if event == "DELETE" else "NEW"
    action = {"INSERT": "row.insert", "UPDATE": "row.update", "DELETE": "row.delete"}[event]
    digest = "NULL" if event == "DELETE" else f"motcua_digest({t.content_sql(row)})"
    detail = f"'{{\"digest\":' || coalesce('\"' || {digest} || '\"', 'null') || '}}'"
    oid = t.key_sql(row)
    return (
        f'CREATE TRIGGER "audit_row_{t.table}_{event.lower()}" AFTER {event} ON "{t.table}" BEGIN '
        "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, detail, prev_hash, hash) "
        f"SELECT h.seq + 1, h.at, '{ROW_ACTOR}', '{action}', '{t.table}', h.oid, h.detail, h.prev, "
        f"motcua_chain(h.prev, h.seq + 1, h.at, '{ROW_ACTOR}', '{action}', '{t.table}', h.oid, h.detail) "
        f"FROM (SELECT coalesce((SELECT max(seq) FROM audit_log), 0) AS seq, "
        f"coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '{GENESIS}') AS prev, "
        f"{_NOW_SQL} AS at, {oid} AS oid, {detail} AS detail) AS h; END"
    )


def install(conn: sqlite3.Connection, at: str) -> None:
    """(Re)create the triggers of every tracked table and record each existing row's content in the chain.

    Runs inside a migration's transaction; ``register_functions`` must have been called on ``conn``.
    """
    from app.store.audit import append_rows

    conn.execute("CREATE INDEX IF NOT EXISTS audit_log_object ON audit_log(object_type, object_id, seq)")
    for table in TRACKED:
        tracking = _tracking_of(conn, table)
        if tracking is None:
            continue
        for event in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(f'DROP TRIGGER IF EXISTS "audit_row_{table}_{event.lower()}"')
            conn.execute(_trigger_sql(tracking, event))
        rows: list[tuple[str, str, str, str]] = [("audit.track", "table", table, dumps(tracking.detail()))]
        cur = conn.execute(
            f"SELECT {tracking.key_sql('t')}, motcua_digest({tracking.content_sql('t')}) FROM \"{table}\" AS t"
        )
        rows.extend(("row.baseline", table, oid, dumps({"digest": digest})) for oid, digest in cur)
        append_rows(conn, at=at, actor=ROW_ACTOR, rows=rows)


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
        "SELECT object_id, detail FROM audit_log WHERE action = 'audit.track' AND object_type = 'table' ORDER BY seq"
    ):
        data = loads(detail, {})
        found[oid] = Tracking(oid, tuple(data.get("key", ())), tuple(data.get("columns", ())))
    return found


def find_drift(conn: sqlite3.Connection) -> Iterator[Drift]:
    """Rows edited, added or deleted behind the triggers' back (run after the chain itself verified)."""
    recorded = trackings(conn)
    for table in TRACKED:
        tracking = recorded.get(table)
        if tracking is None:
            if _tracking_of(conn, table) is not None:
                yield Drift(table, "", None, "table not covered by the audit chain")
            continue
        latest = (
            "SELECT a.object_id AS oid, a.seq AS seq, json_extract(a.detail, '$.digest') AS digest FROM audit_log a "
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
