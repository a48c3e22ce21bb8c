"""Correcting the applicant's data on a dossier already received, as an audited change (issue 17).

Why a change and not a new dossier: a typo in a name used to mean receiving the dossier again (a new code, a
second receipt, a wrong count in the log book). The correction is validated like intake, written with a history
event that keeps the old and new values and a reason, audited, and the search index is rewritten so the
corrected name is found. The outbox carries it to the central server as ``dossier.applicant_corrected`` (only
the fields that changed), which passes the corrected record on to the office's other devices
(:mod:`sync.server.correction`, :mod:`app.services.pulled_correction`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.applicant import validate_applicant
from app.domain.errors import ValidationError
from app.domain.text import plain_text
from app.services.audited import audited
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.ids import new_id
from app.store import dossiers, outbox
from sync.protocol.constants import EVENT_APPLICANT_CORRECTED

FIELDS = ("applicant_name", "id_number", "phone", "address", "email")
REASON_MAX = 500


@dataclass(frozen=True)
class Correction:
    code: str
    before: dict[str, str]
    after: dict[str, str]
    changes: Changes


def correct_applicant(ctx: ServiceContext, code: str, values: dict[str, str], reason: str) -> Correction:
    """Replace the applicant fields given in ``values`` (others kept); ValidationError names the field."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError("field", f"không sửa được trường {sorted(unknown)}", f"cannot correct {sorted(unknown)}")
    why = plain_text(reason, "reason")
    if not why:
        raise ValidationError("reason", "phải ghi lý do sửa", "a reason is required")
    if len(why) > REASON_MAX:
        raise ValidationError("reason", f"lý do dài quá {REASON_MAX} ký tự", f"longer than {REASON_MAX} characters")
    row = dossiers.by_code(ctx.store, code)
    merged = {f: str(values.get(f, row[f]) or "") for f in FIELDS}
    applicant = validate_applicant(merged["applicant_name"], merged["id_number"], merged["phone"],
                                   merged["address"], merged["email"], today=ctx.clock.now().date())
    after = {"applicant_name": applicant.name, "id_number": applicant.id_number, "phone": applicant.phone,
             "address": applicant.address, "email": applicant.email}
    before = {f: str(row[f] or "") for f in FIELDS}
    changed = {f: after[f] for f in FIELDS if after[f] != before[f]}
    if not changed:
        raise ValidationError("applicant_name", "không có thông tin nào thay đổi", "nothing was changed")
    detail: dict[str, Any] = {"fields": sorted(changed), "reason": why,
                              "before": {f: before[f] for f in changed}, "after": changed}
    with audited(ctx, "dossier.correct_applicant", "dossier", code, detail) as now:
        dossiers.update(ctx.store, row["id"], {**changed, "updated_at": now})
        dossiers.add_event(ctx.store, {"id": new_id(), "dossier_id": row["id"], "kind": "correction",
                                       "reason": why, "actor": ctx.actor.username, "at": now, "data": detail})
        dossiers.index(ctx.store, row["seq"], {**row, **changed})
        outbox.append(ctx.store, event_id=new_id(), kind=EVENT_APPLICANT_CORRECTED, aggregate_id=row["id"],
                      payload={"dossier_id": row["id"], "code": row["code"], "fields": changed, "reason": why,
                               "actor": ctx.actor.username, "at": now},
                      created_at=now)
    return Correction(code, before, after, Changes(dossier_ids=(row["id"],)))
