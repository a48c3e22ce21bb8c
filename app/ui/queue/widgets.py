"""Two helpers the queue screens share: a centred, named label and emptying a layout that is redrawn."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QWidget


def label(
    text: str, name: str, parent: QWidget, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter, *, wrap: bool = False
) -> QLabel:
    """A label with an object name (the screens' style sheets and the tests find widgets by it)."""
    widget = QLabel(text, parent)
    widget.setObjectName(name)
    widget.setAlignment(align)
    widget.setWordWrap(wrap)
    return widget


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of ``layout`` (the boards are rebuilt when the queue changes)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()  # gone from the screen (and from findChildren of visible widgets) right away
            widget.deleteLater()
