"""The bundled DejaVu Sans for every widget, and the large-text mode.

Why bundle: Qt wheels ship no fonts, and a Windows or a bare Linux PC may lack a face with every Vietnamese
tone mark, so text could show as boxes (STYLE.md). Why a scale: many citizens at the counter are elderly; the
office chooses a text size once and the whole window follows, without a restart.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from app.paths import resource
from app.ui.noop import QT_TRANSLATE_NOOP

FAMILY = "DejaVu Sans"
BASE_POINT_SIZE = 10.0
# The choices the settings dialog offers: (scale, Vietnamese label). Labels are translated where shown.
SCALES: tuple[tuple[float, str], ...] = ((1.0, QT_TRANSLATE_NOOP("SettingsDialog", "Bình thường")),
                                         (1.25, QT_TRANSLATE_NOOP("SettingsDialog", "Lớn")),
                                         (1.5, QT_TRANSLATE_NOOP("SettingsDialog", "Rất lớn")))
LARGE_TEXT_SCALE = 1.25


def register_fonts() -> str:
    """Register the shipped TTFs with Qt; return the family name to use (a fallback if the files are missing)."""
    family = ""
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        path = resource("fonts", name)
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    return family or QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


def app_font(family: str, scale: float = 1.0) -> QFont:
    font = QFont(family)
    font.setPointSizeF(BASE_POINT_SIZE * max(0.8, min(scale, 2.5)))
    return font


FACTOR_PROPERTY = "motcuaFontFactor"


def apply_scale(app: QApplication, family: str, scale: float) -> None:
    """Set the application font: widgets without their own font follow at once, and those made bigger or
    smaller with :func:`follow_scale` are re-sized from it (issue 17: titles, the due date and the receive
    button kept their old size, and some stayed large after switching back)."""
    base = app_font(family, scale)
    app.setFont(base)
    for widget in app.allWidgets():
        factor = widget.property(FACTOR_PROPERTY)
        if factor:
            _set_scaled(widget, base, float(factor))
        elif widget.styleSheet():
            # a style sheet fixes the font it was polished with (error lines stayed small): polish it again
            sheet = widget.styleSheet()
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def follow_scale(widget: QWidget, factor: float, *, bold: bool | None = None) -> None:
    """Give ``widget`` a font ``factor`` times the application's, kept so when the text size changes."""
    widget.setProperty(FACTOR_PROPERTY, factor)
    if bold is not None:
        widget.setProperty(FACTOR_PROPERTY + "Bold", bold)
    _set_scaled(widget, QApplication.font(), factor)


def _set_scaled(widget: QWidget, base: QFont, factor: float) -> None:
    font = scaled(base, factor)
    bold = widget.property(FACTOR_PROPERTY + "Bold")
    if bold is not None:
        font.setBold(bool(bold))
    widget.setFont(font)


def scaled(font: QFont, factor: float) -> QFont:
    """A copy of ``font`` ``factor`` times bigger (titles, the customer-facing window)."""
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * factor)
    return bigger
