"""The citizen's satisfaction rating of a returned result (Decision 766/QD-TTg), stored with the dossier.

Why a use case of its own: the rating feeds the province's satisfaction index, so like any other change it is
one transaction that writes the dossier row, an event in its history, the audit row and the outbox event. It
is given once the result is returned (status 10); a second rating replaces the first, and both stay in the
history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.errors import ValidationError
from app.domain.status import Status
from app.services.changes import Changes
from app.services.clock import iso
from app.services.context import ServiceContext
from app.services.ids import new_id
from app.store import audit, dossiers, outbox

LEVELS = ("very_satisfied", "satisfied", "not_satisfied")  # Rất hài lòng / Hài lòng / Không hài lòng
# The seven counter criteria scored 2 (good), 1 (fair) or 0 (poor).
CRITERIA = ("total_time", "unit_time", "visits", "agencies", "one_stop", "information", "attitude")
SCORES = (0, 1, 2)


@dataclass(frozen=True)
class Rating:
    overall: str
    convenience: str | None = None
    criteria: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.overall, "convenience": self.convenience, "criteria": dict(self.criteria)}


def validate_rating(rating: Rating) -> Rating:
    if rating.overall not in LEVELS:
        raise ValidationError("satisfaction", f"mức hài lòng “{rating.overall}” không hợp lệ",
                              f"unknown satisfaction level “{rating.overall}”")
    if rating.convenience is not None and rating.convenience not in LEVELS:
        raise ValidationError("satisfaction", f"mức thuận tiện “{rating.convenience}” không hợp lệ",
                              f"unknown convenience level “{rating.convenience}”")
    for key, score in rating.criteria.items():
        if key not in CRITERIA or score not in SCORES or isinstance(score, bool):
            raise ValidationError("satisfaction", f"tiêu chí “{key}” chỉ nhận điểm 0, 1 hoặc 2",
                                  f"criterion “{key}” takes a score of 0, 1 or 2")
    return rating


def rate_dossier(ctx: ServiceContext, code: str, rating: Rating) -> Changes:
    """Store ``rating`` for the returned dossier ``code``; nothing is written if anything is wrong."""
    validate_rating(rating)
    row = dossiers.by_code(ctx.store, code)
    if row["status"] != int(Status.RETURNED):
        raise ValidationError("status", "chỉ đánh giá được hồ sơ đã trả kết quả",
                              "only a dossier whose result was returned can be rated")
    now = iso(ctx.clock.now())
    value = {**rating.to_dict(), "at": now}
    with ctx.store.transaction():
        dossiers.update(ctx.store, row["id"], {"satisfaction": value, "updated_at": now})
        dossiers.add_event(ctx.store, {"id": new_id(), "dossier_id": row["id"], "kind": "satisfaction",
                                       "actor": ctx.actor.username, "at": now, "data": value})
        audit.append(ctx.store, at=now, actor=ctx.actor.username, action="dossier.rate", object_type="dossier",
                     object_id=row["code"], detail=value)
        outbox.append(ctx.store, event_id=new_id(), kind="dossier.rated", aggregate_id=row["id"],
                      payload={"dossier_id": row["id"], "code": row["code"], "satisfaction": value,
                               "actor": ctx.actor.username, "at": now},
                      created_at=now)
    return Changes(dossier_ids=(row["id"],))
