"""Words for a dossier's data and its history events, as the detail dialog shows them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.fees import format_vnd
from app.domain.status import Status
from app.ui.format import long_dt, short_date, short_dt

_CHANNELS = {"counter": ("Trực tiếp", "At the counter"), "post": ("Bưu chính công ích", "Public postal service"),
             "online": ("Trực tuyến", "Online")}
_LEVELS = {"very_satisfied": ("Rất hài lòng", "Very satisfied"), "satisfied": ("Hài lòng", "Satisfied"),
           "not_satisfied": ("Không hài lòng", "Not satisfied")}


def _t(text: str) -> str:
    return QCoreApplication.translate("DossierInfo", text)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def info_rows(d: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, value) lines of the information tab; empty values are left out."""
    rating = d.get("satisfaction") or {}
    born = " — ".join(x for x in (short_date(d.get("birth_date")), d.get("sex") or "") if x)
    rows = [
        (_t("Thủ tục"), f"{d['procedure_code']} — {d['procedure_name']}"),
        (_t("Người nộp"), d["applicant_name"]),
        (_t("Số định danh"), d["id_number"]),
        (_t("Ngày sinh, giới tính"), born),
        (_t("Điện thoại"), d["phone"]),
        (_t("Thư điện tử"), d["email"]),
        (_t("Địa chỉ"), d["address"]),
        (_t("Kênh tiếp nhận"), _pick(_CHANNELS.get(d["channel"], (d["channel"], d["channel"])), lang)),
        (_t("Tiếp nhận lúc"), f"{long_dt(d['received_at'], lang)} ({d['received_by']})"),
        (_t("Hẹn trả kết quả"), long_dt(d.get("due_at"), lang) or _t("Không hẹn")),
        (_t("Hoàn thành lúc"), long_dt(d.get("finished_at"), lang)),
        (_t("Trả kết quả lúc"), long_dt(d.get("returned_at"), lang)),
        (_t("Phí, lệ phí"), format_vnd(d.get("fee_vnd"), lang)),
        (_t("Số bộ hồ sơ"), str(d["sets"])),
        (_t("Ghi chú"), d.get("notes") or ""),
        (_t("Đánh giá của người dân"), _pick(_LEVELS[rating["overall"]], lang)
         if rating.get("overall") in _LEVELS else ""),
    ]
    return [(label, value) for label, value in rows if value]


def event_text(event: dict[str, Any], lang: str) -> str:
    """One line for a history event: what happened, in the clerk's words."""
    kind = event["kind"]
    if kind == "received":
        return _t("Tiếp nhận hồ sơ")
    if kind == "status" and event.get("to_status"):
        before = Status(event["from_status"]).label(lang) if event.get("from_status") else ""
        after = Status(event["to_status"]).label(lang)
        return f"{before} → {after}" if before else after
    if kind == "satisfaction":
        level = (event.get("data") or {}).get("overall")
        return _t("Người dân đánh giá: {level}").format(level=_pick(_LEVELS.get(level, (level, level)), lang))
    return f"{kind} {short_dt(event['at'])}"
