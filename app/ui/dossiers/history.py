"""Words for a dossier's data and its history events, as the detail dialog shows them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.fees import format_vnd
from app.domain.status import Status
from app.ui.format import long_dt, short_date, short_dt
from app.ui.noop import QT_TRANSLATE_NOOP

_CHANNELS = {"counter": ("Trực tiếp", "At the counter"), "post": ("Bưu chính công ích", "Public postal service"),
             "online": ("Trực tuyến", "Online")}
_LEVELS = {"very_satisfied": ("Rất hài lòng", "Very satisfied"), "satisfied": ("Hài lòng", "Satisfied"),
           "not_satisfied": ("Không hài lòng", "Not satisfied")}
LABELS = {
    "procedure": QT_TRANSLATE_NOOP("DossierInfo", "Thủ tục"),
    "applicant": QT_TRANSLATE_NOOP("DossierInfo", "Người nộp"),
    "id_number": QT_TRANSLATE_NOOP("DossierInfo", "Số định danh"),
    "born": QT_TRANSLATE_NOOP("DossierInfo", "Ngày sinh, giới tính"),
    "phone": QT_TRANSLATE_NOOP("DossierInfo", "Điện thoại"),
    "email": QT_TRANSLATE_NOOP("DossierInfo", "Thư điện tử"),
    "address": QT_TRANSLATE_NOOP("DossierInfo", "Địa chỉ"),
    "channel": QT_TRANSLATE_NOOP("DossierInfo", "Kênh tiếp nhận"),
    "received": QT_TRANSLATE_NOOP("DossierInfo", "Tiếp nhận lúc"),
    "due": QT_TRANSLATE_NOOP("DossierInfo", "Hẹn trả kết quả"),
    "finished": QT_TRANSLATE_NOOP("DossierInfo", "Hoàn thành lúc"),
    "returned": QT_TRANSLATE_NOOP("DossierInfo", "Trả kết quả lúc"),
    "fee": QT_TRANSLATE_NOOP("DossierInfo", "Phí, lệ phí"),
    "sets": QT_TRANSLATE_NOOP("DossierInfo", "Số bộ hồ sơ"),
    "notes": QT_TRANSLATE_NOOP("DossierInfo", "Ghi chú"),
    "rating": QT_TRANSLATE_NOOP("DossierInfo", "Đánh giá của người dân"),
}
NO_DATE = QT_TRANSLATE_NOOP("DossierInfo", "Không hẹn")
FREE = QT_TRANSLATE_NOOP("DossierInfo", "Miễn phí")
RECEIVED = QT_TRANSLATE_NOOP("DossierInfo", "Tiếp nhận hồ sơ")
RATED = QT_TRANSLATE_NOOP("DossierInfo", "Người dân đánh giá: {level}")
CORRECTED = QT_TRANSLATE_NOOP("DossierInfo", "Sửa thông tin người nộp: {changes}")


def _t(text: str) -> str:
    return QCoreApplication.translate("DossierInfo", text)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def info_rows(d: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, value) lines of the information tab; empty values are left out."""
    rating = (d.get("satisfaction") or {}).get("overall")
    fee = d.get("fee_vnd")
    values = {
        "procedure": f"{d['procedure_code']} — {d['procedure_name']}",
        "applicant": d["applicant_name"],
        "id_number": d["id_number"],
        "born": " — ".join(x for x in (short_date(d.get("birth_date")), d.get("sex") or "") if x),
        "phone": d["phone"],
        "email": d["email"],
        "address": d["address"],
        "channel": _pick(_CHANNELS.get(d["channel"], (d["channel"], d["channel"])), lang),
        "received": f"{long_dt(d['received_at'], lang)} ({d['received_by']})",
        "due": long_dt(d.get("due_at"), lang) or _t(NO_DATE),
        "finished": long_dt(d.get("finished_at"), lang),
        "returned": long_dt(d.get("returned_at"), lang),
        "fee": _t(FREE) if fee == 0 else format_vnd(fee, lang),
        "sets": str(d["sets"]),
        "notes": d.get("notes") or "",
        "rating": _pick(_LEVELS[rating], lang) if rating in _LEVELS else "",
    }
    return [(_t(LABELS[key]), value) for key, value in values.items() if value]


def event_text(event: dict[str, Any], lang: str) -> str:
    """One line for a history event: what happened, in the clerk's words."""
    kind = event["kind"]
    if kind == "received":
        return _t(RECEIVED)
    if kind == "status" and event.get("to_status"):
        before = Status(event["from_status"]).label(lang) if event.get("from_status") else ""
        after = Status(event["to_status"]).label(lang)
        return f"{before} → {after}" if before else after
    if kind == "satisfaction":
        level = str((event.get("data") or {}).get("overall") or "")
        return _t(RATED).format(level=_pick(_LEVELS.get(level, (level, level)), lang))
    if kind == "correction":
        correction: dict[str, Any] = event.get("data") or {}
        old, new = correction.get("before") or {}, correction.get("after") or {}
        return _t(CORRECTED).format(changes="; ".join(f"{old.get(f, '')} → {new[f]}" for f in new))
    return f"{kind} {short_dt(event['at'])}"
