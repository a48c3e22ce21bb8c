"""A small horizontal bar chart drawn with QPainter.

Why not a chart library: QtCharts is not part of PySide6-Essentials (the wheel the app ships, STYLE.md), and
the supervisor's charts are a handful of labelled bars; a 60-line widget costs less than a 20 MB dependency.
Horizontal bars because Vietnamese labels ("Giải quyết trước hạn") are long.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

Bar = tuple[str, float, str]  # label, value, colour (any QColor name)


class BarChart(QWidget):
    """Title, then one row per bar: label on the left, bar scaled to the largest value, value at its end."""

    @property
    def row(self) -> int:
        """One bar's height, from the text size (a fixed 22 px made rows overlap in large text)."""
        return self.fontMetrics().height() + 8

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.suffix = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_bars(self, bars: Sequence[Bar], suffix: str = "") -> None:
        self.bars, self.suffix = list(bars), suffix
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self.row * (len(self.bars) + 1) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.row * (len(self.bars) + 1) + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = p.fontMetrics()
        p.drawText(QRectF(0, 0, self.width(), self.row), Qt.AlignmentFlag.AlignVCenter, self.title)
        if not self.bars:
            p.end()
            return
        label_w = min(self.width() * 0.45, max(metrics.horizontalAdvance(b[0]) for b in self.bars) + 8)
        value_w = metrics.horizontalAdvance("0000.0" + self.suffix) + 6
        span = max(1.0, self.width() - label_w - value_w)
        top = max(b[1] for b in self.bars) or 1.0
        for i, (label, value, colour) in enumerate(self.bars):
            y = self.row * (i + 1)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 6))
            p.setPen(self.palette().windowText().color())
            p.drawText(QRectF(0, y, label_w - 6, self.row), Qt.AlignmentFlag.AlignVCenter, text)
            width = span * value / top
            p.fillRect(QRectF(label_w, y + 4, width, self.row - 8), QColor(colour))
            shown = f"{value:g}{self.suffix}"
            p.drawText(QRectF(label_w + width + 4, y, value_w, self.row), Qt.AlignmentFlag.AlignVCenter, shown)
        p.end()
