"""The on-time badge of a dossier as colour and text together (never colour alone: colour-blind clerks, grey
print-outs and screenshots sent to the supervisor must all read it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.domain.ontime import badge
from app.ui.format import parse
from app.ui.noop import QT_TRANSLATE_NOOP

FINISHED_STATUSES = frozenset({3, 7, 8, 9, 10})
# Refused, withdrawn, stopped: finished, but nothing was "done on time" (issue 17: they showed "✓ Xong đúng hạn").
ENDED_WITHOUT_RESULT = frozenset({3, 7, 8})
PAUSED_STATUS = 5


@dataclass(frozen=True)
class BadgeStyle:
    text: str  # Vietnamese source, context "Badges"
    background: str
    foreground: str


STYLES: dict[str, BadgeStyle] = {
    "late": BadgeStyle(QT_TRANSLATE_NOOP("Badges", "● Quá hạn"), "#fde0dc", "#a4161a"),
    "due_soon": BadgeStyle(QT_TRANSLATE_NOOP("Badges", "● Sắp đến hạn"), "#fff1c2", "#7a5200"),
    "on_time": BadgeStyle(QT_TRANSLATE_NOOP("Badges", "● Trong hạn"), "#dcf5e3", "#1b6b35"),
    "paused": BadgeStyle(QT_TRANSLATE_NOOP("Badges", "● Tạm dừng"), "#e3ecfa", "#2c4a7a"),
    "done_on_time": BadgeStyle(QT_TRANSLATE_NOOP("Badges", "✓ Xong đúng hạn"), "", "#1b6b35"),
    "done_late": BadgeStyle(QT_TRANSLATE_NOOP("Badges", "✓ Xong trễ hạn"), "", "#a4161a"),
    "ended": BadgeStyle(QT_TRANSLATE_NOOP("Badges", "✕ Không giải quyết"), "", "#555555"),
    "none": BadgeStyle(QT_TRANSLATE_NOOP("Badges", "—"), "", "#555555"),
}


def badge_of(row: dict[str, Any], now: datetime) -> str:
    """A key of :data:`STYLES` for a dossier row: urgency while open, on time or late once finished."""
    if row["status"] == PAUSED_STATUS:
        return "paused"  # the citizen's supplement time does not count against the office
    if row["status"] in ENDED_WITHOUT_RESULT:
        return "ended"
    finished = row["status"] in FINISHED_STATUSES
    key = badge(parse(row.get("due_at")), now, finished, parse(row.get("finished_at")) if finished else None)
    if finished and key != "none":
        return "done_late" if key == "late" else "done_on_time"
    return key


def badge_text(key: str) -> str:
    return QCoreApplication.translate("Badges", STYLES.get(key, STYLES["none"]).text)


def badge_colours(key: str) -> tuple[QColor | None, QColor]:
    style = STYLES.get(key, STYLES["none"])
    return (QColor(style.background) if style.background else None), QColor(style.foreground)
