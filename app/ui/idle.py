"""Locks the window after the clerk has left it alone for the configured number of minutes.

Why an application-wide event filter: any key or mouse movement anywhere (including dialogs) counts as work;
a timer restarted on each such event fires only when nothing happened for the whole period.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from app.ui.widgets import make

_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                       QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod})


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without input; 0 minutes disables it."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = make(QTimer, self, singleShot=True, timeout=lambda: self.idle.emit())
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(0, int(minutes)) * 60_000)

    def set_interval_ms(self, msecs: int) -> None:
        """The idle period in milliseconds (tests use a short one); 0 disables the lock."""
        self._interval_ms = max(0, msecs)
        self.restart()

    def restart(self) -> None:
        if self._interval_ms <= 0:
            self._timer.stop()
            return
        self._timer.setInterval(self._interval_ms)
        self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
