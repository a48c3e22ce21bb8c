"""Dossier rows, their documents, their append-only events and the accent-insensitive search index.

Rows come back as plain dicts; the services turn them into answers. List queries return row ids (``seq``) so a
table model can fetch just the rows on screen, which keeps a 1,000,000-dossier store fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.store import search, search_pending, search_tags
from app.store.db import Store
from app.store.errors import NotFoundError
from app.store.jsonutil import dumps, loads

DOSSIER_COLUMNS = (
    "id",
    "code",
    "office_code",
    "procedure_code",
    "procedure_name",
    "applicant_name",
    "id_number",
    "phone",
    "email",
    "address",
    "birth_date",
    "sex",
    "channel",
    "status",
    "received_at",
    "received_day",
    "due_at",
    "finished_at",
    "returned_at",
    "fee_vnd",
    "pages",
    "copies",
    "sets",
    "supplement_count",
    "received_by",
    "device_slot",
    "origin",
    "notes",
    "satisfaction",
    "updated_at",
)


def insert(store: Store, row: dict[str, Any], documents: list[dict[str, Any]]) -> int:
    """Insert a dossier and its documents, and queue its search entry (inside the caller's transaction)."""
    cols = [c for c in DOSSIER_COLUMNS if c in row]
    values = [dumps(row[c]) if c == "satisfaction" and row[c] is not None else row[c] for c in cols]
    cur = store.conn.execute(f"INSERT INTO dossiers ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
    seq = int(cur.lastrowid or 0)
    names = [(d["name"],) for d in documents]  # each text once per store (schema_store_compact)
    store.conn.executemany("INSERT INTO document_names (name) VALUES (?) ON CONFLICT (name) DO NOTHING", names)
    store.conn.executemany(
        "INSERT INTO dossier_documents (dossier_id, position, name_id, originals, certified_copies, photocopies,"
        " pages) VALUES (?, ?, (SELECT id FROM document_names WHERE name = ?), ?, ?, ?, ?)",
        [
            (
                row["id"],
                i,
                d["name"],
                d.get("originals", 0),
                d.get("certified_copies", 0),
                d.get("photocopies", 0),
                d.get("pages"),
            )
            for i, d in enumerate(documents, start=1)
        ],
    )
    search_pending.queue(store.conn, seq)  # its search entry is written after the receive, in a batch
    return seq


def index(store: Store, seq: int, row: dict[str, Any]) -> None:
    """(Re)write the dossier's search entry now (a correction of its name, ID number or phone), and take it off
    the list of entries still to write."""
    search_pending.done(store.conn, seq)
    search_pending.write_entries(
        store.conn,
        [(seq, row["code"], row["applicant_name"], row["id_number"], row.get("phone"), row["procedure_code"],
          row["procedure_name"])],
    )


def update(store: Store, dossier_id: str, changes: dict[str, Any]) -> None:
    sets = ", ".join(f"{c} = ?" for c in changes)
    values = [dumps(v) if c == "satisfaction" and v is not None else v for c, v in changes.items()]
    cur = store.conn.execute(f"UPDATE dossiers SET {sets} WHERE id = ?", [*values, dossier_id])
    if cur.rowcount == 0:
        raise NotFoundError("dossier", dossier_id)


def add_event(store: Store, event: dict[str, Any]) -> None:
    store.conn.execute(
        "INSERT INTO dossier_events (id, dossier_id, kind, from_status, to_status, reason, actor, at, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event["id"],
            event["dossier_id"],
            event["kind"],
            event.get("from_status"),
            event.get("to_status"),
            event.get("reason", ""),
            event.get("actor", ""),
            event["at"],
            dumps(event.get("data", {})),
        ),
    )


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    row["satisfaction"] = loads(row.get("satisfaction"), None)
    return row


def by_code(store: Store, code: str) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM dossiers WHERE code = ?", (code.strip().upper(),))
    if row is None:
        raise NotFoundError("dossier", code)
    return _decode(row)


def by_id(store: Store, dossier_id: str) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
    if row is None:
        raise NotFoundError("dossier", dossier_id)
    return _decode(row)


def find_by_id(store: Store, dossier_id: str) -> dict[str, Any] | None:
    """The dossier's row, or None (a pulled status change may name a dossier this device does not have)."""
    row = store.query_one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
    return _decode(row) if row else None


def exists(store: Store, dossier_id: str) -> bool:
    return store.scalar("SELECT 1 FROM dossiers WHERE id = ?", (dossier_id,)) is not None


def code_taken(store: Store, code: str) -> bool:
    return store.scalar("SELECT 1 FROM dossiers WHERE code = ?", (code,)) is not None


def by_seqs(store: Store, seqs: list[int]) -> dict[int, dict[str, Any]]:
    if not seqs:
        return {}
    marks = ",".join("?" * len(seqs))
    rows = store.query(f"SELECT * FROM dossiers WHERE seq IN ({marks})", seqs)
    return {r["seq"]: _decode(r) for r in rows}


def documents(store: Store, dossier_id: str) -> list[dict[str, Any]]:
    return store.query(
        "SELECT n.name, d.originals, d.certified_copies, d.photocopies, d.pages FROM dossier_documents AS d"
        " JOIN document_names AS n ON n.id = d.name_id WHERE d.dossier_id = ? ORDER BY d.position",
        (dossier_id,),
    )


def has_event(store: Store, event_id: str) -> bool:
    """Whether the history holds the event ``event_id`` (a pulled status change is kept under the server's id)."""
    return store.scalar("SELECT 1 FROM dossier_events WHERE id = ?", (event_id,)) is not None


def events(store: Store, dossier_id: str) -> list[dict[str, Any]]:
    rows = store.query("SELECT * FROM dossier_events WHERE dossier_id = ? ORDER BY at, rowid", (dossier_id,))
    for r in rows:
        r["data"] = loads(r["data"], {})
    return rows


def highest_number(store: Store, unit_code: str, day_yymmdd: str, low: int, high: int) -> int | None:
    """Highest dossier number in ``[low, high]`` for a unit and day, among all dossiers this store knows.

    Numbers are four digits (``codes.format_code``), so among the day's well-formed codes the text order is the
    number order: the code index is walked down from the top of the range and stops at the first well-formed
    code (a receive at 900 dossiers a day read them all)."""
    prefix = f"{unit_code}-{day_yymmdd}-"
    row = store.scalar(
        "SELECT CAST(substr(code, ?) AS INTEGER) FROM dossiers WHERE code >= ? AND code <= ?"
        " AND length(code) = ? AND substr(code, ?) GLOB '[0-9][0-9][0-9][0-9]' ORDER BY code DESC LIMIT 1",
        (len(prefix) + 1, f"{prefix}{low:04d}", f"{prefix}{high:04d}", len(prefix) + 4, len(prefix) + 1),
    )
    return int(row) if row is not None else None


@dataclass(frozen=True)
class ListFilter:
    """What the dossier list shows; every field optional, combined with AND."""

    day: str | None = None  # received on YYYY-MM-DD
    status: int | None = None
    statuses: tuple[int, ...] = ()
    procedure_code: str | None = None
    due_before: str | None = None  # ISO datetime: due_at < this
    due_from: str | None = None
    open_only: bool = False
    channel: str | None = None


OPEN_STATUSES = (1, 2, 4, 5, 6, 9)  # not finished: still the office's to act on


def list_seqs(store: Store, flt: ListFilter, limit: int | None = None) -> list[int]:
    """Row ids matching the filter, newest first."""
    where, params = _where(flt)
    sql = "SELECT seq FROM dossiers" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY seq DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in store.execute(sql, params).fetchall()]


def _where(flt: ListFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if flt.day:
        where.append("received_day = ?")
        params.append(flt.day)
    if flt.status is not None:
        where.append("status = ?")
        params.append(flt.status)
    statuses = flt.statuses or (OPEN_STATUSES if flt.open_only else ())
    if statuses:
        where.append(f"status IN ({','.join('?' * len(statuses))})")
        params.extend(statuses)
    if flt.procedure_code:
        where.append("procedure_code = ?")
        params.append(flt.procedure_code)
    if flt.due_before:
        where.append("due_at IS NOT NULL AND due_at < ?")
        params.append(flt.due_before)
    if flt.due_from:
        where.append("due_at >= ?")
        params.append(flt.due_from)
    if flt.channel:
        where.append("channel = ?")
        params.append(flt.channel)
    return where, params


def _view_tags(flt: ListFilter) -> search.ViewTags:
    """The filter as FTS5 tag terms (:mod:`app.store.search_tags`): required, excluded (a set of statuses with a
    terminal one), and whether they say all of it (no due date or channel condition left for SQL)."""
    terms: list[str] = []
    excluded: list[str] = []
    if flt.day:
        terms.append(search_tags.day_term(flt.day))
    statuses = flt.statuses or (OPEN_STATUSES if flt.open_only else ())
    for group in ((flt.status,) if flt.status is not None else (), statuses):
        if group:
            others = search_tags.excluded_statuses(group)
            if others is None:
                terms.append(search_tags.status_terms(group))
            elif others:
                excluded.append(others)
    procedure = search_tags.procedure_term(flt.procedure_code) if flt.procedure_code else None
    if procedure:
        terms.append(procedure)
    said = procedure or not flt.procedure_code
    return search.ViewTags(terms, bool(said) and not (flt.due_before or flt.due_from or flt.channel), excluded)


def search_seqs(store: Store, text: str, limit: int = 200, flt: ListFilter | None = None) -> search.Hits:
    """Dossiers matching what the clerk typed and the list filter, best first (rules in ``search.py``; the
    answer says when it is ``partial``)."""
    if flt is None:
        return search.search(store, text, limit)
    where, params = _where(flt)
    return search.search(store, text, limit, where, params, _view_tags(flt))


def count(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM dossiers"))
