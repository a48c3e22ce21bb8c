"""Applying an applicant correction from a device to the central dossier, and passing it to the office.

Why a module of its own: a correction (``dossier.applicant_corrected``) changes the dossier's reception record,
not its status, so it neither follows the status rules of :mod:`sync.server.status` nor adds a dossier as
:mod:`sync.server.ingest` does. The corrected fields replace those of the stored record (the record keeps a
``corrected`` note: when, by whom, why), and the whole corrected record goes into the feed as a ``dossier``
change, so every other device of the office shows the corrected name, ID number and contact.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sync.protocol import constants as c
from sync.protocol.validation import Problem
from sync.server.db import Tx
from sync.server.dossier_lock import lock_dossier
from sync.server.feed import NewChange


def apply_correction(
    tx: Tx, office_code: str, device_id: str, payload: dict[str, Any], at: str, out: list[NewChange]
) -> Problem | None:
    """Replace the corrected fields of dossier ``payload['dossier_id']``; a dossier change for the feed."""
    row, problem = lock_dossier(tx, office_code, payload, "id, code, data")
    if row is None:
        return problem
    data = json.loads(row["data"])
    data.update(payload["fields"])
    data["corrected"] = {"at": at, "actor": payload.get("actor") or "", "reason": payload["reason"],
                         "fields": sorted(payload["fields"])}
    text = json.dumps(data, ensure_ascii=False)
    tx.execute("UPDATE dossiers SET data = ?, updated_at = ? WHERE id = ? AND office_code = ?",
               (text, at, row["id"], office_code))
    out.append(NewChange(c.CHANGE_DOSSIER, row["id"], text, at, office_code, device_id))
    return None


def apply_corrections(todo: Sequence[Any], tx: Tx, office_code: str, device_id: str,
                      when: Callable[[Any], str], out: list[NewChange]) -> None:
    """Each valid correction of a push (``todo``: ingest's items), after the dossiers of the same push exist;
    ``when`` gives the server's view of the event's time (its device's clock corrected). A refusal is set on
    the item."""
    for item in todo:
        if item.ev.kind == c.EVENT_APPLICANT_CORRECTED:
            item.problem = apply_correction(tx, office_code, device_id, item.ev.payload, when(item.ev), out)
