"""The appointment and the fee as the clerk fills the form, computed by the same domain rules as the service.

Why preview at all: the citizen asks "when do I come back, and how much?" before the dossier is stored, and a
per-page fee changes with every page counted. The service recomputes both when receiving, so this is never
the source of truth, only the same answer given earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.calendar import PROVISIONAL, WorkCalendar
from app.domain.deadlines import OfficeHours, due_at
from app.domain.errors import ValidationError
from app.domain.fees import compute_fee, format_vnd
from app.domain.procedures import Procedure
from app.ui.format import long_dt


@dataclass(frozen=True)
class Preview:
    due: datetime | None
    due_text: str
    processing_text: str
    fee: int | None
    fee_text: str
    provisional: bool = False  # the due date falls in a year whose holidays are not announced yet
    error: ValidationError | None = None  # e.g. pages missing for a per-page fee


def compute_preview(procedure: Procedure, calendar: WorkCalendar, hours: OfficeHours, channel: str,
                    pages: int | None, copies: int, now: datetime, lang: str = "vi") -> Preview:
    """Due date-time and fee for receiving ``procedure`` now; errors come back in ``error``, never raised."""
    due = due_at(now, procedure.rule, calendar, channel, hours)
    due_text = long_dt(due, lang) if due else ("No appointment (notified)" if lang == "en"
                                                else "Không hẹn (sẽ thông báo)")
    provisional = due is not None and calendar.year_status(due.year) == PROVISIONAL
    error = None
    try:
        fee = compute_fee(procedure.fee, pages, copies)
        fee_text = format_vnd(fee, lang)
        if fee is None:
            fee_text += " — tỉnh chưa đặt mức" if lang != "en" else " — not set by the province yet"
        elif fee == 0:
            fee_text = "Miễn phí" if lang != "en" else "Free"
    except ValidationError as exc:
        fee, fee_text, error = None, "—", exc
    return Preview(due, due_text, procedure.rule.describe(channel, lang), fee, fee_text, provisional, error)
