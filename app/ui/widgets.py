"""Small building blocks shared by the pages and dialogs: the red message line and the dialog buttons.

Why shared: every message about bad input must look the same everywhere (red, under what it is about, hidden
while there is nothing to say), so clerks learn to look in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

ERROR_STYLE = "color: #a4161a;"
W = TypeVar("W")


class FieldError(QLabel):
    """A one-line message under a field; empty and hidden while the field is fine."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"error_{name}")
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.hide()

    def set_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def dialog_buttons(parent: QWidget, accept: Callable[[], None], reject: Callable[[], None],
                   ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok) -> QDialogButtonBox:
    """OK (or ``ok``) and Cancel wired to ``accept``/``reject``."""
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, parent)
    buttons.accepted.connect(accept)
    buttons.rejected.connect(reject)
    return buttons


def make(cls: type[W], *args: Any, **props: Any) -> W:
    """``cls(*args)`` with Qt properties set and signals connected by keyword, as PySide6 constructors allow.

    Why not ``QLabel(parent, objectName=...)`` directly: PySide6's type stubs list only each class's own
    properties, so inherited ones (``objectName``, ``wordWrap`` on a subclass, a QTimer's ``timeout``) fail the
    type check although they work; this spelling keeps the convenience and lets mypy check the rest.
    """
    obj = cls(*args)
    for key, value in props.items():
        setter = getattr(obj, "set" + key[0].upper() + key[1:], None)
        if setter is not None:
            setter(value)
        else:
            getattr(obj, key).connect(value)  # a signal: PySide6 connects keyword signals too
    return obj
