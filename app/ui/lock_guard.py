"""While the counter is locked, no other window of the app shows data or takes commands.

Why a guard over every top-level window rather than a list kept by hand: the supervisor view, a dossier's
details, the rejected-events list and the administration screens are each opened from different places, and a
window forgotten in such a list stays readable (names, phone numbers) and usable (exports) behind a "locked"
counter (issue 17). On lock every visible window of the app except the main one and the citizen-facing ones is
hidden; on unlock by the same person they come back as they were, while another person's sign-in closes them.
Dialogs are cancelled instead of hidden: hiding a dialog ends its ``exec()``, so showing it again later would
leave an answer nobody reads.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# Windows for citizens (nothing private on them): they stay up while the counter is locked.
PUBLIC_WINDOWS = ("satisfactionWindow", "displayWindow", "kioskWindow")


class LockGuard(QObject):
    def __init__(self, main: QWidget) -> None:
        super().__init__(main)
        self._main = main
        self._hidden: list[QWidget] = []
        self._owner: str | None = None

    def hide_all(self, owner: str | None) -> None:
        """Hide every other private window of the app (``owner``: who was working, if anybody)."""
        self._owner = owner
        for widget in QApplication.topLevelWidgets():
            if widget is self._main or not widget.isVisible() or widget.objectName() in PUBLIC_WINDOWS:
                continue
            if isinstance(widget, QDialog):
                widget.reject()
                continue
            widget.hide()
            self._hidden.append(widget)

    def restore(self, who: str) -> None:
        """Bring the hidden windows back for the person who locked; close them for anybody else."""
        hidden, self._hidden = self._hidden, []
        same = who == self._owner
        for widget in hidden:
            try:
                if same:
                    widget.show()
                else:
                    widget.close()
            except RuntimeError:  # deleted meanwhile (closed by its own timer, or the app quitting)
                continue

    @property
    def hidden(self) -> list[QWidget]:
        return list(self._hidden)
