"""An applicant correction made on another device of the office, arriving with the pulled dossier record.

Why: the central server answers a ``dossier.applicant_corrected`` event by putting the corrected reception
record in the feed (:mod:`sync.server.correction`). A device that already has the dossier would skip a record
it has; when the record carries a ``corrected`` note, the applicant fields that differ are replaced here, with
a history event and an audit entry like a local correction, and the search entry rewritten so the corrected
name is found. The status is never touched (statuses have their own changes).
"""

from __future__ import annotations

from typing import Any

from app.services.ids import new_id
from app.store import audit, dossiers
from app.store.db import Store
from sync.protocol.constants import APPLICANT_FIELDS


def apply_pulled_correction(store: Store, data: dict[str, Any], now: str, actor: str) -> bool:
    """Apply the corrected applicant fields of ``data`` to the dossier here; False when nothing differs."""
    note = data.get("corrected")
    if not isinstance(note, dict):
        return False
    row = dossiers.by_id(store, data["id"])
    changed = {f: str(data.get(f) or "") for f in APPLICANT_FIELDS
               if f in data and str(data.get(f) or "") != str(row[f] or "")}
    if not changed:
        return False
    by = f"central:{note.get('actor') or ''}"
    detail = {"fields": sorted(changed), "reason": str(note.get("reason") or ""),
              "before": {f: str(row[f] or "") for f in changed}, "after": changed, "by": by}
    dossiers.update(store, row["id"], {**changed, "updated_at": now})
    dossiers.add_event(store, {"id": new_id(), "dossier_id": row["id"], "kind": "correction",
                               "reason": detail["reason"], "actor": by, "at": str(note.get("at") or now),
                               "data": detail})
    dossiers.index(store, row["seq"], {**row, **changed})
    audit.append(store, at=now, actor=actor, action="dossier.correct_applicant", object_type="dossier",
                 object_id=row["code"], detail=detail)
    return True
