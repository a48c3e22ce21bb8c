"""Printing a form for a dossier without blocking the counter: render in the worker, deliver, report.

Routing (which printer, A5 or A4, PDF folder when none is set) is ``app.printing.service.PrintService``'s. The
PDF is drawn in the worker; an office printer is painted on the GUI thread afterwards, because QPrinter
belongs there. Whatever happens, the dossier is already stored: a failure only says what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from app.domain.status import Status
from app.ui.banner import Banner
from app.ui.errors import is_expected, log_exception, user_message
from app.ui.session import AppSession

FORM_NAMES = {"receipt": "01", "form02": "02", "form03": "03", "form05": "05", "form06": "06"}
# Which form goes with a move to which status (the reason recorded with the move is printed on it).
FORM_FOR_STATUS: dict[Status, str] = {Status.SUPPLEMENT: "form02", Status.NOT_RECEIVED: "form03",
                                      Status.STOPPED: "form05"}


@dataclass(frozen=True)
class Produced:
    kind: str
    code: str
    printer: str
    path: Path | None  # the PDF file when the form was saved rather than printed
    pending: tuple[Any, bytes] | None = None  # (PrinterConfig, PDF)  # an office printer still to paint on


class DocumentPrinter(QObject):
    """``produce(kind, code)`` → ``done(Produced)`` or ``failed(kind, code, message)``."""

    done = Signal(object)
    failed = Signal(str, str, str)

    def __init__(self, session: AppSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def produce(self, kind: str, code: str) -> None:
        session = self._session

        def job() -> Produced:
            # reportlab costs ~0.3 s to import: it is loaded on the first print, not at start-up
            from app.printing.printers import PrinterConfig
            from app.printing.service import PrintService
            from app.services import print_data
            from app.services.access_log import record_access

            ctx = session.write_context()  # only read here, on the worker's connection
            data: Any = (print_data.receipt(ctx, code) if kind == "receipt"
                         else print_data.form(ctx, FORM_NAMES[kind], code))
            captured: list[tuple[PrinterConfig, bytes]] = []
            service = PrintService(print_data.print_settings(ctx),
                                   office_printer=lambda config, pdf: captured.append((config, pdf)))
            delivered = service.print_sheet(kind, data, name=f"{kind}-{code}")
            record_access(ctx, code, "print", {"document": kind, "via": "app"})  # who printed what
            return Produced(kind, code, delivered.printer, delivered.path, captured[0] if captured else None)

        session.tasks.run(job, self._delivered, lambda exc: self._failed(kind, code, exc))

    def _delivered(self, produced: Produced) -> None:
        if produced.pending is not None:
            from app.ui.printing_dialog import print_on

            try:
                print_on(*produced.pending)
            except Exception as exc:
                self._failed(produced.kind, produced.code, exc)
                return
        self.done.emit(produced)

    def _failed(self, kind: str, code: str, exc: BaseException) -> None:
        if not is_expected(exc):
            log_exception(self._session.data_dir, exc)
        self.failed.emit(kind, code, user_message(exc, self._session.lang))


class ReceiptPrinter(QObject):
    """Form 01 right after receiving, reported on the intake page's banner."""

    def __init__(self, session: AppSession, banner: Banner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._banner = banner
        self.printer = DocumentPrinter(session, self)
        self.printer.done.connect(self._done)
        self.printer.failed.connect(self._failed)

    def produce(self, code: str) -> None:
        self.printer.produce("receipt", code)

    def _done(self, produced: Produced) -> None:
        if produced.path is not None:
            path = produced.path
            self._banner.label.setText(self._banner.label.text() + "<br>" + self.tr(
                "Giấy tiếp nhận (mẫu 01) đã lưu thành tệp PDF: {path}").format(path=path))
            self._banner.add_button(self.tr("Mở giấy tiếp nhận"),
                                    lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        else:
            self._banner.label.setText(self._banner.label.text() + "<br>" + self.tr(
                "Đã gửi giấy tiếp nhận tới máy in {printer}.").format(printer=produced.printer))

    def _failed(self, _kind: str, code: str, message: str) -> None:
        self._banner.label.setText(self._banner.label.text() + "<br>" + self.tr(
            "⚠ Chưa in được giấy tiếp nhận ({reason}). Hồ sơ đã được lưu; có thể in lại từ danh sách hồ sơ.")
            .format(reason=message))
        self._banner.add_button(self.tr("In lại"), lambda: self.produce(code))
