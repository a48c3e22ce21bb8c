"""The emit helper keeps ``True`` alive however many signals the app emits (PySide6 6.12.0 loses one
reference per ``emit()``; see :mod:`app.ui.signals`)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from app.ui.signals import emit


class _Source(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_emitting_costs_no_reference() -> None:
    source = _Source()
    received: list[object] = []
    source.carrying.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(5000):
        emit(source.plain)
        emit(source.carrying, i)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
    assert len(received) == 5000
