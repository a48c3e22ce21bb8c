"""One-click apology letters (form 04) for overdue dossiers, from the supervisor's overdue list.

Why defaults: the supervisor sees twenty overdue dossiers and must send each citizen a letter the same day; the
letter needs a cause, the unit responsible and a new appointment, so they are filled with sensible defaults
(the office, a neutral cause, three working days from today at closing time) that the supervisor may override.
Reuses form 04's layout (:func:`app.printing.notices.delay_apology`) and its record builder.
"""

from __future__ import annotations

from datetime import datetime

from app.domain.deadlines import OfficeHours, ProcessingRule, due_at
from app.domain.errors import ValidationError
from app.printing.notices import delay_apology
from app.reports.service import require_supervisor
from app.services import print_data
from app.services.calendar_source import load_calendar
from app.services.context import ServiceContext
from app.services.receive import office_hours
from app.store import dossiers

DEFAULT_REASON = "hồ sơ cần thêm thời gian xem xét, thẩm định để bảo đảm đúng quy định"
EXTRA_DAYS = 3


def default_new_due(ctx: ServiceContext, days: int = EXTRA_DAYS) -> datetime:
    """``days`` working days from now, at the office's closing time, on the office's holiday calendar."""
    hours: OfficeHours = office_hours(ctx)
    rule = ProcessingRule(working_days=days)
    found = due_at(ctx.clock.now(), rule, load_calendar(ctx.store), "counter", hours)
    assert found is not None  # a rule with working days always gives a date
    return found.replace(hour=hours.close.hour, minute=hours.close.minute)


def apology_letter(ctx: ServiceContext, code: str, *, new_due: datetime | None = None, reason: str = "",
                   unit: str = "", paper: str = "a5") -> bytes:
    """Form 04 for dossier ``code`` as PDF bytes; supervisors and admins only, and only for a dossier that is
    not finished (a finished dossier gets its result, not an apology)."""
    require_supervisor(ctx)
    row = dossiers.by_code(ctx.store, code)
    if row["finished_at"] or row["status"] in (3, 7, 8, 9, 10):
        raise ValidationError("status", "hồ sơ đã giải quyết xong, không cần thư xin lỗi",
                              "the dossier is finished; no apology letter is needed")
    data = print_data.form(ctx, "04", row["code"], reason=reason or DEFAULT_REASON,
                           unit=unit or print_data.agency(ctx).name, new_due=new_due or default_new_due(ctx))
    return delay_apology(data, paper)  # type: ignore[arg-type]
