"""Raw ``emit()`` costs no reference to ``True``/``False`` with the PySide6 we install.

PySide6-Essentials 6.12.0 drops a reference to ``True`` on each Python-side ``SignalInstance.emit()`` and Python 3.11
aborts after ~1,000 emits (../shared/WINDOWS.md). pyproject.toml excludes that release; this test fails if a
constraint change lets it (or a release with the same bug) back in.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Source(QObject):
    plain = Signal()
    flag = Signal(bool)
    carrying = Signal(object)


def test_emitting_costs_no_reference() -> None:
    source = _Source()
    received: list[object] = []
    source.carrying.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(3000):
        source.plain.emit()
        source.flag.emit(True)
        source.carrying.emit(i)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
    assert len(received) == 3000
