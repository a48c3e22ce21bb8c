"""Changing the interface language at once, without a restart and without losing what was on screen.

Why rebuild rather than retranslate widget by widget: every view takes its texts once, when it is built
(``self.tr`` in constructors, :meth:`AppSession.t` for messages). Qt's ``retranslateUi`` pattern would need a
second code path in each of them. Instead the translators are swapped and the main window is built again in
the new language; what the clerk had on screen is carried over in memory: who is signed in (no new login),
locked or not, the page, the half-filled intake form (procedure, applicant, ticked documents, scanned ID card,
notes, the ticket being served), the open dossiers and the queue panel. Nothing goes to disk. Other windows
(the customer screen, the supervisor view, dialogs) are closed and reopened by the clerk when wanted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QLineEdit

from app.services.context import Actor
from app.ui.i18n import install_translators

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


@dataclass
class Screen:
    """What the clerk had on screen, enough to show it again in the new window."""

    actor: Actor | None
    locked: bool
    page: int
    maximized: bool
    geometry: Any
    queue_visible: bool
    procedure: str = ""
    applicant: dict[str, str] = field(default_factory=dict)
    channel: int = 0
    scanned_card: tuple[Any, str] | None = None
    documents: list[Any] = field(default_factory=list)
    notes: str = ""
    ticket: Any = None
    dossiers: list[str] = field(default_factory=list)


def capture(window: MainWindow) -> Screen:
    page = window.intake_page
    applicant = page.applicant
    card = (applicant._qr, applicant._qr_text) if applicant._qr is not None else None
    return Screen(
        actor=window.session.actor, locked=window.locked, page=window.pages.currentIndex(),
        maximized=window.isMaximized(), geometry=window.geometry(), queue_visible=window.queue_dock.isVisible(),
        procedure=page.picker.code,
        applicant={name: w.text() for name, w in applicant._inputs.items() if isinstance(w, QLineEdit)},
        channel=applicant.channel.currentIndex(), scanned_card=card,
        documents=page.documents.model.rows(), notes=page.notes.text(), ticket=page._ticket,
        dossiers=[d.code for d in window.commands._dialogs if d.isVisible()],
    )


def restore(window: MainWindow, screen: Screen) -> None:
    page = window.intake_page
    if screen.procedure:
        page.picker.set_code(screen.procedure)
        page._on_procedure(screen.procedure)
        page.documents.model.set_rows(screen.documents)
    applicant = page.applicant
    applicant.channel.setCurrentIndex(screen.channel)
    for name, text in screen.applicant.items():
        widget = applicant._inputs.get(name)
        if isinstance(widget, QLineEdit):
            widget.setText(text)
    if screen.scanned_card is not None:
        applicant._qr, applicant._qr_text = screen.scanned_card
        applicant._show_qr()
    page.notes.setText(screen.notes)
    if screen.ticket is not None:
        page.serve_ticket(screen.ticket)
    if screen.actor is None:
        return
    window._queue_wanted = screen.queue_visible
    window._on_unlocked(screen.actor)  # the same person, signed in already: no new login
    window.list_page.refresh()
    window.pages.setCurrentIndex(screen.page)
    for code in screen.dossiers:
        window.commands.open_dossier(code)
    if screen.locked:
        window.lock()


def swap_translators(app: QApplication, lang: str) -> None:
    """Remove the installed translations (each is a child of the app) and install ``lang``'s."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    install_translators(app, lang)


def switch_language(window: MainWindow, lang: str) -> MainWindow:
    """Show ``window`` again in ``lang``: a new main window with what was on screen; the old one closes.

    The new window is announced with ``window.replaced`` (the launcher moves its hooks, e.g. the sync state)."""
    from app.ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    screen = capture(window)
    session = window.session
    window.intake_page.clear_form()  # carried over: closing the old window must not ask about it
    window.intake_page._ticket = None
    window.commands.close_windows()
    window.hide()  # out of the way of the new window's lock guard, which hides and closes other windows
    swap_translators(app, lang)
    session.lang = lang
    new = MainWindow(session, window.font_family)
    new.setGeometry(screen.geometry)
    new.showMaximized() if screen.maximized else new.show()
    restore(new, screen)
    window.replaced.emit(new)
    window.close()
    session.language_changed.emit(lang)
    return new
