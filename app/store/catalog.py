"""The procedure catalogue: loaded from ``resources/data/procedures.json`` on first start, replaceable by the
central server, with per-office fee amounts for fees the province sets (never guessed)."""

from __future__ import annotations

from typing import Any

from app.domain.procedures import Procedure, procedure_from_catalog
from app.domain.text import fold
from app.store.db import Store
from app.store.errors import NotFoundError
from app.store.jsonutil import dumps, loads


def upsert_records(store: Store, records: list[dict[str, Any]], at: str) -> int:
    """Insert or replace catalogue records (inside the caller's transaction); keeps office fee overrides."""
    for rec in records:
        store.conn.execute(
            "INSERT INTO procedures (code, name_vi, name_en, sector_vi, name_fold, record, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(code) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en,"
            " sector_vi = excluded.sector_vi, name_fold = excluded.name_fold, record = excluded.record,"
            " updated_at = excluded.updated_at",
            (
                rec["code"],
                rec["name_vi"],
                rec.get("name_en") or "",
                rec.get("sector_vi") or "",
                fold(rec["name_vi"] + " " + rec["code"]),
                dumps(rec),
                at,
            ),
        )
    return len(records)


def count(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM procedures"))


def codes(store: Store) -> list[str]:
    """Every procedure code known here, in the order they were stored."""
    return [r["code"] for r in store.query("SELECT code FROM procedures ORDER BY rowid")]


def record(store: Store, code: str) -> dict[str, Any]:
    return parse_record(*record_text(store, code))


def record_text(store: Store, code: str) -> tuple[str, int | None]:
    """The active procedure's stored record (JSON) and the office's own fee, unparsed: a caller that parses the
    same record on every receive can keep what it made of it, keyed by these two."""
    row = store.query_one("SELECT record, fee_amount_vnd FROM procedures WHERE code = ? AND active = 1", (code,))
    if row is None:
        raise NotFoundError("procedure", code)
    return str(row["record"] or ""), row["fee_amount_vnd"]


def parse_record(text: str, fee_amount_vnd: int | None) -> dict[str, Any]:
    rec = loads(text, {})
    if fee_amount_vnd is not None:
        fee = dict(rec.get("fee") or {"kind": "per_case"})
        fee["amount_vnd"] = fee_amount_vnd
        rec["fee"] = fee
    return rec


def exists(store: Store, code: str) -> bool:
    """Known here, active or not (a placeholder for a procedure the catalogue lacks yet counts)."""
    return store.scalar("SELECT 1 FROM procedures WHERE code = ?", (code,)) is not None


def any_record(store: Store, code: str) -> dict[str, Any]:
    """The stored record, active or not; empty when unknown."""
    row = store.query_one("SELECT record FROM procedures WHERE code = ?", (code,))
    return loads(row["record"], {}) if row else {}


def set_active(store: Store, code: str, active: bool) -> None:
    """Hide a procedure from the picker (a placeholder) or show it again (its real record arrived)."""
    store.conn.execute("UPDATE procedures SET active = ? WHERE code = ?", (int(active), code))


def get(store: Store, code: str) -> Procedure:
    return procedure_from_catalog(record(store, code))


def list_rows(store: Store) -> list[dict[str, Any]]:
    """Summary rows, most used first (the intake picker's order)."""
    rows = store.query(
        "SELECT code, name_vi, name_en, sector_vi, use_count, fee_amount_vnd, record FROM procedures"
        " WHERE active = 1 ORDER BY use_count DESC, sector_vi, code"
    )
    for row in rows:
        rec = loads(row.pop("record"), {})
        row["processing"] = rec.get("processing")
        row["fee"] = rec.get("fee")
    return rows


def search(store: Store, text: str) -> list[dict[str, Any]]:
    needle = f"%{fold(text)}%"
    return store.query(
        "SELECT code, name_vi, sector_vi, use_count FROM procedures WHERE active = 1 AND name_fold LIKE ?"
        " ORDER BY use_count DESC, code",
        (needle,),
    )


def set_fee(store: Store, code: str, amount_vnd: int | None) -> None:
    cur = store.conn.execute("UPDATE procedures SET fee_amount_vnd = ? WHERE code = ?", (amount_vnd, code))
    if cur.rowcount == 0:
        raise NotFoundError("procedure", code)


def bump_use(store: Store, code: str) -> None:
    store.conn.execute("UPDATE procedures SET use_count = use_count + 1 WHERE code = ?", (code,))
