"""Reading the access trail of dossiers from the audit log: views, prints and exports of personal data.

Views and prints are audit rows about one dossier (``object_type='dossier'``, ``object_id`` = its code); an export
of the log book is one row about a range of days (``object_type='export'``) that covers every dossier received
in it, so a citizen's list shows the exports of the days their dossier was received; the row also lists by code
the dossiers it names that were received before the range (a statistics export's overdue list).
"""

from __future__ import annotations

from typing import Any

from app.store.db import Store
from app.store.jsonutil import loads
from app.store.row_audit import SERVICE_ROWS

DOSSIER_ACTIONS = ("dossier.view", "dossier.print", "dossier.export")
RANGE_ACTION = "records.export"


def dossiers_of_person(store: Store, id_number: str) -> list[dict[str, Any]]:
    return store.query(
        "SELECT code, received_day FROM dossiers WHERE id_number = ? ORDER BY seq", (id_number,)
    )


def dossier_day(store: Store, code: str) -> dict[str, Any] | None:
    return store.query_one("SELECT code, received_day FROM dossiers WHERE code = ?", (code,))


def accesses(store: Store, dossiers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every view, print and export touching ``dossiers`` (rows with ``code`` and ``received_day``), oldest first."""
    if not dossiers:
        return []
    codes = [d["code"] for d in dossiers]
    marks = ", ".join("?" for _ in codes)
    actions = ", ".join("?" for _ in DOSSIER_ACTIONS)
    rows = store.query(
        f"SELECT seq, at, actor, action, object_id AS code, detail FROM audit_log "
        f"WHERE object_type = 'dossier' AND object_id IN ({marks}) AND action IN ({actions})",
        (*codes, *DOSSIER_ACTIONS),
    )
    for export in store.query(
        f"SELECT seq, at, actor, action, object_id, detail FROM audit_log WHERE action = ? AND {SERVICE_ROWS}",
        (RANGE_ACTION,),
    ):
        detail = loads(export["detail"], {})
        first, last = detail.get("first_day", ""), detail.get("last_day", "")
        named = set(detail.get("codes") or ())
        for d in dossiers:
            if first <= d["received_day"] <= last or d["code"] in named:
                rows.append({**export, "code": d["code"]})
    for row in rows:
        row["detail"] = loads(row["detail"], {}) if isinstance(row["detail"], str) else row["detail"]
        row.pop("object_id", None)
    return sorted(rows, key=lambda r: (r["seq"], r["code"]))
