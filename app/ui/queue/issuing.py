"""Issuing a ticket and printing it, off the GUI thread, for the kiosk and the clerk's panel.

Two jobs, in order: first the ticket (a few milliseconds), so the number is on screen at once — on the
session's worker, or on its ``network`` worker when the office hub issues it (a hub that hangs must not hold
the store worker); then, on the session's worker, the print (layout, raster, printer), whose failure never
takes the number back: the screen keeps showing it and says what to do. Routing (thermal raster, office
printer, PDF folder) is ``app.printing.service.PrintService``'s; an office printer is painted on the GUI thread,
as QPrinter requires.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from app.printing.printers import PrinterConfig
from app.printing.service import PrintService
from app.services import print_data
from app.services.context import ServiceContext
from app.services.queue import IssueResult
from app.services.queue_backend import on_hub, queue_for
from app.ui.errors import is_expected, log_exception, user_message
from app.ui.session import AppSession


@dataclass(frozen=True)
class PrintedTicket:
    number: str
    printer: str
    path: Path | None  # the PDF file when no ticket printer is set
    pending: tuple[PrinterConfig, bytes] | None = None


class TicketIssuer(QObject):
    """``issue(letter, group)`` → ``issued(IssueResult)`` then ``printed``/``print_failed``; or ``failed``."""

    issued = Signal(object)
    failed = Signal(str)
    printed = Signal(object)
    print_failed = Signal(str, str)  # number, message

    def __init__(
        self, session: AppSession, source: str, *, print_tickets: bool = True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.source = source
        self.print_tickets = print_tickets
        self._from_hub: dict[str, IssueResult] = {}  # tickets the office hub issued: printed from its answer

    def issue(self, letter: str, group: str = "") -> None:
        session = self.session
        if on_hub(session.store):
            session.network.run(lambda: self._issue(session.network_context(), letter, group),
                                self._alive(self._issued), self._alive(self._failed))
        else:
            session.tasks.run(lambda: self._issue(session.write_context(), letter, group),
                              self._alive(self._issued), self._alive(self._failed))

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback``, dropped when this issuer was deleted meanwhile (its kiosk or panel closed while a hub
        that hangs kept the answer back for seconds)."""
        return lambda value: callback(value) if shiboken6.isValid(self) else None

    def _issue(self, ctx: ServiceContext, letter: str, group: str) -> IssueResult:
        """On a worker thread: the local queue, or the office hub's when this PC is enrolled with one."""
        queue = queue_for(ctx)
        try:
            result = queue.issue_ticket(ctx, letter, group, self.source)
        finally:
            queue.close()
        if queue.remote:
            self._from_hub[result.ticket.number] = result
        return result

    def reprint(self, number: str) -> None:
        """Print today's ticket ``number`` (again): after issuing, or when the paper jammed."""
        session = self.session
        session.tasks.run(lambda: self._print_job(number), self._alive(self._printed),
                          self._alive(lambda exc: self._print_failed(number, exc)))

    # -- callbacks on the GUI thread --------------------------------------------------------------------
    def _issued(self, result: IssueResult) -> None:
        self.session.announce(result.changes)
        self.issued.emit(result)
        if self.print_tickets:
            self.reprint(result.ticket.number)

    def _failed(self, exc: BaseException) -> None:
        if not is_expected(exc):
            log_exception(self.session.data_dir, exc)
        self.failed.emit(user_message(exc, self.session.lang))

    def _print_job(self, number: str) -> PrintedTicket:
        ctx = self.session.write_context()  # read only here, on the worker's connection
        hub = self._from_hub.get(number)
        data = print_data.issued_ticket(ctx, hub) if hub else print_data.ticket(ctx, number)
        captured: list[tuple[PrinterConfig, bytes]] = []
        service = PrintService(
            print_data.print_settings(ctx), office_printer=lambda config, pdf: captured.append((config, pdf))
        )
        delivered = service.print_ticket(data)
        return PrintedTicket(data.number, delivered.printer, delivered.path, captured[0] if captured else None)

    def _printed(self, ticket: PrintedTicket) -> None:
        if ticket.pending is not None:
            from app.ui.printing_dialog import print_on

            try:
                print_on(*ticket.pending)
            except Exception as exc:
                self._print_failed(ticket.number, exc)
                return
        self.printed.emit(ticket)

    def _print_failed(self, number: str, exc: BaseException) -> None:
        if not is_expected(exc):
            log_exception(self.session.data_dir, exc)
        self.print_failed.emit(number, user_message(exc, self.session.lang))
