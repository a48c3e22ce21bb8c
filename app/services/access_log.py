"""Who saw what: opening a dossier's details, printing it and exporting it are written to the audit log.

One function per kind of access, each one short transaction with its hash-chained audit row, called by the CLI's
``dossier show``, ``print …`` and ``export …`` and by the app's detail dialog when it opens. A supervisor lists a
citizen's accesses (``motcua audit accesses --id-number N``); a clerk may not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from app.domain.errors import ValidationError
from app.services.audited import audited
from app.services.context import ServiceContext
from app.store import access
from app.store.errors import NotFoundError

What = Literal["view", "print", "export"]


def record_access(ctx: ServiceContext, code: str, what: What, detail: dict[str, Any] | None = None) -> None:
    """Record that ``ctx.actor`` viewed, printed or exported the dossier ``code`` now."""
    with audited(ctx, f"dossier.{what}", "dossier", code.strip().upper(), detail or {}):
        pass


def record_range_export(ctx: ServiceContext, first_day: str, last_day: str, detail: dict[str, Any],
                        codes: Sequence[str] = ()) -> None:
    """Record an export of every dossier received from ``first_day`` to ``last_day`` (log book, hand-over list,
    statistics) and of the dossiers ``codes`` received before it that the export names too."""
    scope = {"first_day": first_day, "last_day": last_day, **detail, **({"codes": list(codes)} if codes else {})}
    with audited(ctx, access.RANGE_ACTION, "export", f"{first_day}..{last_day}", scope):
        pass


def list_accesses(ctx: ServiceContext, *, id_number: str = "", code: str = "") -> list[dict[str, Any]]:
    """Every view, print and export of a citizen's dossiers (by ID number) or of one dossier; supervisors only."""
    if not ctx.actor.can_supervise():
        raise ValidationError(
            "role",
            "chỉ người giám sát hoặc quản trị mới xem được ai đã truy cập hồ sơ",
            "only a supervisor or an admin can list who accessed a dossier",
        )
    if bool(id_number.strip()) == bool(code.strip()):
        raise ValidationError("id_number", "cần đúng một trong --id-number hoặc --code", "give --id-number or --code")
    if code.strip():
        row = access.dossier_day(ctx.store, code.strip().upper())
        if row is None:
            raise NotFoundError("dossier", code.strip().upper())
        dossiers = [row]
    else:
        dossiers = access.dossiers_of_person(ctx.store, id_number.strip())
    return access.accesses(ctx.store, dossiers)
