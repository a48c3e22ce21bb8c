"""The supervisor's screen, self-contained: the main window only calls :func:`open_supervisor_view`."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.session import AppSession


def open_supervisor_view(session: AppSession, parent: QWidget | None = None) -> QWidget:
    """Build and show the supervisor view as its own window; ValidationError (field "role") for a clerk, which
    the caller shows with ``app.ui.errors.show_error``."""
    from PySide6.QtCore import Qt

    from app.ui.supervisor.view import SupervisorView

    view = SupervisorView(session, parent)
    view.setWindowFlag(Qt.WindowType.Window, True)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    screen = (parent.screen() if parent is not None else None) or view.screen()
    room = screen.availableGeometry() if screen is not None else None
    view.resize(min(1280, room.width()) if room else 1280, min(800, room.height()) if room else 800)
    view.show()
    return view
