"""Emitting a Qt signal from Python, safely on every PySide6 version we may meet.

Why: PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so every
emit whose result is thrown away takes one reference from ``True``; after a few thousand emits Python frees
``True`` and the process aborts ("bool_dealloc", measured here: 100 emits cost 100 references). Every emit in
the app goes through :func:`emit`, which gives that reference back when, and only when, the installed PySide6
is found to lose it (probed once at import), so a fixed PySide6 costs nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    tries = 8
    before = sys.getrefcount(True)
    for _ in range(tries):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost >= tries:
        for _ in range(lost):  # pay back what the probe itself took
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
        return True
    return False


EMIT_LEAKS = _emit_loses_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, returning the reference a broken PySide6 takes from the result."""
    result = signal.emit(*args)
    if EMIT_LEAKS and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
