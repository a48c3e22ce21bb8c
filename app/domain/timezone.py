"""Vietnam's clock for every date and time rule.

Why: deadlines, dossier codes (YYMMDD) and "received after 15:00" are all Vietnam wall-clock facts, while
the device may be set to another zone and Windows ships no tz database. Vietnam has had no daylight saving
since 1975, so a fixed UTC+7 offset is exact and needs no tzdata.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def now_vn() -> datetime:
    """The current time as an aware datetime in Vietnam time."""
    return datetime.now(VN_TZ)


def to_vn(dt: datetime) -> datetime:
    """``dt`` as Vietnam time; a naive datetime is taken to be Vietnam wall-clock time already."""
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        return dt.replace(tzinfo=VN_TZ)
    try:
        return dt.astimezone(VN_TZ)
    except OverflowError:  # 0001-01-01T00:00+14:00 or 9999-12-31T23:59-12:00: no such instant in Vietnam time
        from app.domain.errors import ValidationError

        raise ValidationError(
            "date", f"“{dt.isoformat()}” nằm ngoài khoảng ngày tháng dùng được", f"“{dt.isoformat()}” is out of range"
        ) from None


def stored_time_text(text: object) -> str | None:
    """A time read from elsewhere (the feed's UTC "…Z", an older store's UTC text) in the store's one format:
    Vietnam time, seconds, with offset. None when absent, unreadable, or without an offset (no instant)."""
    try:
        moment = datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return to_vn(moment).isoformat(timespec="seconds")


# Earlier than any day this version can be running on: a PC showing it has a reset clock (a flat CMOS battery
# brings back 2000 or the BIOS's date), and a dossier received by it would carry a code, a receipt and a due date
# of that year, and be refused by the province as far outside its time window.
EARLIEST_CLOCK_YEAR = 2025


def check_pc_clock(now: datetime) -> None:
    """ValidationError on "received_at" when the PC's own clock is before :data:`EARLIEST_CLOCK_YEAR`."""
    if now.year < EARLIEST_CLOCK_YEAR:
        from app.domain.errors import ValidationError

        raise ValidationError(
            "received_at",
            f"đồng hồ máy tính đang chỉ ngày {now:%d/%m/%Y}, sai: hãy chỉnh lại ngày giờ của máy rồi tiếp nhận "
            "(mã hồ sơ, biên nhận và ngày hẹn trả lấy theo đồng hồ này)",
            f"this PC's clock says {now:%Y-%m-%d}, which is wrong: set the PC's date and time, then receive (the "
            "dossier code, receipt and due date come from it)",
        )
