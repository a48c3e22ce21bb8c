"""Finding and locking the central dossier a device's event is about, with the two refusals every such event
shares: no such dossier in the sender's office, or a code that is not the dossier's.

Why one place: a status change (:mod:`sync.server.status`) and an applicant correction
(:mod:`sync.server.correction`) both change a stored dossier and must lock its row (PostgreSQL: ``FOR UPDATE``;
SQLite holds the write lock already) and say the same thing when it is not there.
"""

from __future__ import annotations

from typing import Any

from sync.protocol.validation import Problem
from sync.server.db import Tx


def lock_dossier(
    tx: Tx, office_code: str, payload: dict[str, Any], columns: str
) -> tuple[dict[str, Any], None] | tuple[None, Problem]:
    """The dossier ``payload['dossier_id']`` of ``office_code`` (``columns``, which must include ``code``),
    locked for this transaction; or why not."""
    row = tx.one(
        f"SELECT {columns} FROM dossiers WHERE id = ? AND office_code = ?" + tx.for_update,
        (payload["dossier_id"], office_code),
    )
    if row is None:
        return None, Problem(
            "unknown_dossier",
            f"dossier_id: no dossier {payload['dossier_id']} in office {office_code} "
            "(was its reception rejected or not sent yet?)",
        )
    if row["code"] != payload["code"]:
        return None, Problem(
            "code_mismatch", f"code: dossier {row['id']} has code {row['code']}, not {payload['code']}"
        )
    return row, None
