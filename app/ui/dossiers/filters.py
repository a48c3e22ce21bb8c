"""The clerk's quick filters ("today", "due today", "overdue"...) as store list filters.

Why a function of ``now``: "today" and "overdue" move with the clock, so the list recomputes its filter each
time it refreshes instead of keeping dates from when the window opened.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from enum import StrEnum

from app.domain.status import Status
from app.domain.timezone import VN_TZ, to_vn
from app.services.clock import iso
from app.store.dossiers import ListFilter
from app.ui.noop import QT_TRANSLATE_NOOP

# Open dossiers whose clock is running (supplement pauses it; processed waits only for the citizen).
RUNNING = (int(Status.NEW), int(Status.RECEIVED), int(Status.PROCESSING), int(Status.FINANCIAL))
OPEN = (*RUNNING, int(Status.SUPPLEMENT), int(Status.PROCESSED))


class QuickFilter(StrEnum):
    TODAY = "today"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    SUPPLEMENT = "supplement"
    READY = "ready"
    OPEN = "open"
    ALL = "all"


# Button labels (Vietnamese source, translated in context "Filters").
LABELS: dict[QuickFilter, str] = {
    QuickFilter.TODAY: QT_TRANSLATE_NOOP("Filters", "Nhận hôm nay"),
    QuickFilter.DUE_TODAY: QT_TRANSLATE_NOOP("Filters", "Hẹn trả hôm nay"),
    QuickFilter.OVERDUE: QT_TRANSLATE_NOOP("Filters", "Quá hạn"),
    QuickFilter.SUPPLEMENT: QT_TRANSLATE_NOOP("Filters", "Chờ bổ sung"),
    QuickFilter.READY: QT_TRANSLATE_NOOP("Filters", "Chờ trả kết quả"),
    QuickFilter.OPEN: QT_TRANSLATE_NOOP("Filters", "Đang giải quyết"),
    QuickFilter.ALL: QT_TRANSLATE_NOOP("Filters", "Tất cả"),
}


def _midnight(now: datetime, days: int = 0) -> str:
    day = to_vn(now).date() + timedelta(days=days)
    return iso(datetime.combine(day, time(0, 0), tzinfo=VN_TZ))


def list_filter(quick: QuickFilter, now: datetime, status: int | None = None,
                procedure_code: str | None = None) -> ListFilter:
    """The store filter for a quick filter plus the optional status and procedure choices (combined with AND)."""
    base: dict[str, object] = {"status": status, "procedure_code": procedure_code or None}
    if quick is QuickFilter.TODAY:
        base["day"] = to_vn(now).date().isoformat()
    elif quick is QuickFilter.DUE_TODAY:
        base.update(statuses=OPEN, due_from=_midnight(now), due_before=_midnight(now, 1))
    elif quick is QuickFilter.OVERDUE:
        base.update(statuses=RUNNING, due_before=iso(now))
    elif quick is QuickFilter.SUPPLEMENT:
        base["statuses"] = (int(Status.SUPPLEMENT),)
    elif quick is QuickFilter.READY:
        base["statuses"] = (int(Status.PROCESSED),)
    elif quick is QuickFilter.OPEN:
        base["statuses"] = OPEN
    return ListFilter(**base)  # type: ignore[arg-type]
