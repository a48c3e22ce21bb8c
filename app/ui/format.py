"""How dates, times and amounts read on screen (Vietnamese conventions: day/month/year, 24-hour clock).

Why not QLocale: Qt's Vietnamese weekday names depend on the ICU data a wheel happens to carry; the counter
must read the same on every PC, and the receipt uses the same words.
"""

from __future__ import annotations

from datetime import datetime

from app.domain.timezone import to_vn

_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def parse(text: str | None) -> datetime | None:
    """A stored ISO timestamp as Vietnam time (None stays None; garbage reads as None)."""
    if not text:
        return None
    try:
        return to_vn(datetime.fromisoformat(text))
    except ValueError:
        return None


def short_dt(value: str | datetime | None) -> str:
    """ "16/11/2026 09:05" for list cells."""
    dt = parse(value) if isinstance(value, str) or value is None else to_vn(value)
    return f"{dt:%d/%m/%Y %H:%M}" if dt else ""


def long_dt(value: str | datetime | None, lang: str = "vi") -> str:
    """ "16:00 Thứ Hai, 17/11/2026" for the appointment the citizen is told."""
    dt = parse(value) if isinstance(value, str) or value is None else to_vn(value)
    if dt is None:
        return ""
    names = _WEEKDAYS_EN if lang == "en" else _WEEKDAYS_VI
    return f"{dt:%H:%M} {names[dt.weekday()]}, {dt:%d/%m/%Y}"


def short_date(value: str | None) -> str:
    """ "1980-02-01" → "01/02/1980"."""
    if not value:
        return ""
    parts = value[:10].split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else value


def clock_gap(skew_s: float, lang: str = "vi") -> str:
    """How far this PC's clock is off the server's, in words: "nhanh 1 ngày 2 giờ" (the PC ahead), "chậm 12 phút"
    (behind). ``skew_s`` is the sync's measure, server minus PC. A day reads as a day, not as 1,440 minutes."""
    days, left = divmod(max(1, round(abs(skew_s) / 60)), 24 * 60)
    hours, minutes = divmod(left, 60)
    units = ("day", "h", "min") if lang == "en" else ("ngày", "giờ", "phút")
    gap = " ".join(f"{n} {unit}" for n, unit in zip((days, hours, minutes), units, strict=True) if n)
    if lang == "en":
        return f"{gap} {'behind' if skew_s > 0 else 'ahead'}"
    return f"{'chậm' if skew_s > 0 else 'nhanh'} {gap}"
