"""The intake form page (F2): procedure, applicant, documents, appointment and fee, then Receive.

Receive (Ctrl+Enter) runs the receiving service in the worker. On success the form is emptied for the next
citizen and the receipt (form 01) is produced afterwards, separately: the dossier is already stored whether or
not printing works. On failure nothing was written and every field keeps what the clerk typed; the message
names the field and sits under it.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.cccd import parse_cccd_qr
from app.domain.errors import ValidationError
from app.domain.procedures import Procedure
from app.services.changes import Changes
from app.services.queue import Ticket
from app.services.receive import ReceiveInput, ReceiveResult
from app.store import catalog
from app.store.errors import NotFoundError
from app.store.same_day import same_person_procedure
from app.ui.banner import Banner
from app.ui.dialogs import Confirm
from app.ui.errors import is_expected, log_exception, user_message
from app.ui.fonts import follow_scale
from app.ui.format import long_dt
from app.ui.intake.applicant import ApplicantFields
from app.ui.intake.checklist import DocumentsPanel
from app.ui.intake.clock_note import ClockNote
from app.ui.intake.costs import CostsPanel
from app.ui.intake.procedure_picker import ProcedurePicker
from app.ui.intake.receiving import receive_for_ticket
from app.ui.intake.scan import QrScanCatcher
from app.ui.keys import key_sequence
from app.ui.ops import StoreOp
from app.ui.printouts.printer import ReceiptPrinter
from app.ui.session import AppSession
from app.ui.widgets import FieldError, make


class IntakePage(QWidget):
    received = Signal(str)  # the new dossier's code

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakePage")
        self._session = session
        self._procedure: Procedure | None = None
        self._ticket: Ticket | None = None  # the queue ticket being served: the dossier is linked to it
        self._busy = False
        self.banner = Banner(self)
        self.clock_note = ClockNote(session.lang, self)  # this PC's clock off the server's: the receipt would say so
        self.picker = ProcedurePicker(catalog.list_rows(session.store), self)
        self.procedure_error = FieldError("procedure", self)
        self.applicant = ApplicantFields(session.lang, lambda: session.clock.now().date(), self)
        self.documents = DocumentsPanel(self)
        self.costs = CostsPanel(session, self)
        self.notes = make(QLineEdit, self, objectName="notes")
        self.notes.setPlaceholderText(self.tr("Ghi chú (không bắt buộc)"))
        self.receive_button = make(QPushButton, self.tr("Tiếp nhận hồ sơ\nCtrl+Enter"), self,
                                   objectName="receiveButton")
        follow_scale(self.receive_button, 1.15)
        self.receive_button.setMinimumHeight(self.receive_button.fontMetrics().lineSpacing() * 2 + 16)
        self.receive_button.setStyleSheet("QPushButton { background: #1f6feb; color: white; font-weight: bold; "
                                          "border-radius: 4px; padding: 6px 18px; }"
                                          "QPushButton:disabled { background: #9bb8e8; }")
        self.clear_button = make(QPushButton, self.tr("Làm phiếu mới"), self, objectName="clearButton")
        self.receipts = ReceiptPrinter(session, self.banner, self)
        self.scanner = QrScanCatcher(self)
        self._build()
        self._wire()
        self._on_procedure("")

    # -- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        proc_box = QGroupBox(self.tr("1. Thủ tục hành chính"), self)
        proc_layout = QVBoxLayout(proc_box)
        proc_layout.addWidget(self.picker, 1)  # the list takes the height: more procedures in sight
        proc_layout.addWidget(self.procedure_error)
        person_box = QGroupBox(self.tr("2. Người nộp hồ sơ"), self)
        QVBoxLayout(person_box).addWidget(self.applicant)
        # Left: what is typed (procedure, person, notes). Right: the papers, as tall as the screen allows, the
        # counts and fee, and the commands. In a scroll area: at 1366×768 in "Rất lớn" text with every message
        # showing, the form scrolls instead of being cut (issue 17).
        left = QVBoxLayout()
        left.addWidget(proc_box, 1)
        left.addWidget(person_box)
        left.addWidget(self.notes)

        docs_box = QGroupBox(self.tr("3. Giấy tờ nhận"), self)
        QVBoxLayout(docs_box).addWidget(self.documents)
        right = QVBoxLayout()
        right.addWidget(docs_box, 1)
        right.addWidget(self.costs)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.receive_button)
        right.addLayout(buttons)

        columns = QHBoxLayout()
        columns.addLayout(left, 11)
        columns.addLayout(right, 10)
        body = QWidget(self)
        body.setLayout(columns)
        columns.setContentsMargins(0, 0, 0, 0)
        scroll = make(QScrollArea, self, objectName="intakeScroll", widgetResizable=True,
                      frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.clock_note)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        # Tab follows the reading order of the form, then the papers, then the commands.
        chain = [self.picker.search, *self.applicant.inputs(), *self.costs.inputs(), self.notes,
                 self.documents.table, self.documents.add_button, self.receive_button, self.clear_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _wire(self) -> None:
        self.picker.chosen.connect(self._on_procedure_chosen)
        self.applicant.changed.connect(self._on_applicant_changed)
        self.applicant.id_number.editingFinished.connect(self.check_same_day)
        self.documents.changed.connect(self.costs.refresh)
        self.receive_button.clicked.connect(self.receive)
        self.clear_button.clicked.connect(self.ask_clear)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(key_sequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.receive)
        self.scanner.scanned.connect(self._on_scanned)
        for widget in [self.picker.search, *self.applicant.inputs(), self.notes, *self.costs.inputs(),
                       self.documents.table]:
            self.scanner.watch(widget)
        self._tick = make(QTimer, self, interval=30_000, timeout=self.costs.refresh)  # "received now" moves on
        self._tick.start()

    # -- state ----------------------------------------------------------------------------------------------
    def has_unsaved_input(self) -> bool:
        return bool(self.picker.code) or not self.applicant.is_empty() or bool(self.notes.text().strip())

    def start(self) -> None:
        """F2: a fresh form gets the procedure search; a half-filled one keeps its place."""
        if self.has_unsaved_input():
            self.focus_current()
        else:
            self.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_current(self) -> None:
        widget = self.focusWidget()
        (widget or self.picker.search).setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        self._tick.stop()

    def apply_changes(self, changes: Changes) -> None:
        if changes.catalog:
            code = self.picker.code
            self.picker.source.set_rows(catalog.list_rows(self._session.store))
            self.picker.set_code(code)
            self._on_procedure(code)
        if changes.settings:
            self.costs.reload_rules()

    def _on_procedure_chosen(self, code: str) -> None:
        self._on_procedure(code)
        self.check_same_day()
        self.applicant.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_procedure(self, code: str) -> None:
        self.procedure_error.set_message("")
        try:
            self._procedure = catalog.get(self._session.store, code) if code else None
        except NotFoundError:
            self._procedure = None
        self.applicant.set_channels(self._procedure.channels if self._procedure else ())
        self.documents.set_procedure(self._procedure, self.applicant.channel_code())
        self.costs.set_procedure(self._procedure)

    def check_same_day(self) -> list[str]:
        """Warn (without blocking) when this ID number was received today for the same procedure (issue 17)."""
        id_number = "".join(self.applicant.id_number.text().split())
        if self._procedure is None or len(id_number) != 12:
            return []
        day = self._session.clock.now().date().isoformat()
        codes = same_person_procedure(self._session.store, id_number, self._procedure.code, day)
        if codes:
            self.banner.show_message("warn", self.tr("⚠ Hôm nay đã tiếp nhận hồ sơ {codes} cùng số định danh và thủ "
                                                     "tục này. Kiểm tra trước khi nhận thêm một lần.").format(
                codes=", ".join(codes)))
        elif self.banner.kind == "warn":
            self.banner.clear()
        return codes

    def _on_applicant_changed(self) -> None:
        channel = self.applicant.channel_code()
        if channel != self.costs.channel:
            self.documents.set_procedure(self._procedure, channel)
        self.costs.set_channel(channel)

    def _on_scanned(self, text: str) -> None:
        try:
            qr = parse_cccd_qr(text, self._session.clock.now().date())
        except ValidationError as exc:
            self.applicant.set_error("cccd_qr", exc.message(self._session.lang))
            return
        self.applicant.fill_from_qr(qr, text)
        self.applicant.phone.setFocus(Qt.FocusReason.OtherFocusReason)

    def serve_ticket(self, ticket: Ticket) -> None:
        """The citizen holding ``ticket`` is at the counter: the next dossier received is linked to it."""
        self._ticket = ticket
        self.banner.show_message("info", self.tr("Đang phục vụ số <b>{n}</b>: hồ sơ tiếp nhận tiếp theo sẽ gắn với "
                                                 "số này.").format(n=ticket.number))

    def release_ticket(self, ticket: Ticket) -> None:
        """The counter finished with ``ticket`` (done, absent, transferred): its "now serving" line goes, and the
        next dossier is not linked to it (issue 17: "Đang phục vụ số A002" stayed after A002 had left)."""
        if self._ticket is not None and self._ticket.id == ticket.id:
            self._ticket = None
            if self.banner.kind == "info":
                self.banner.clear()

    def ask_clear(self) -> None:
        """"Làm phiếu mới": a half-filled form is emptied only after a yes (issue 17)."""
        if self.has_unsaved_input() and not Confirm.ask(
                self, self.tr("Làm phiếu mới"), self.tr("Xóa những gì đang nhập trên phiếu này?")):
            return
        self.clear_form()
        self.banner.clear()

    def clear_form(self) -> None:
        self.picker.reset()
        self.applicant.clear()
        self.notes.clear()
        self._on_procedure("")
        self.costs.reset_counts()
        self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- receiving ------------------------------------------------------------------------------------------
    def build_input(self) -> ReceiveInput | None:
        """What the form says, or None after showing every reason it cannot be sent yet, each under its field."""
        self.applicant.clear_errors()
        self.documents.set_error("")
        self.procedure_error.set_message("")
        problems: list[tuple[str, str]] = []
        if self._procedure is None:
            problems.append(("procedure", self.tr("Hãy chọn thủ tục hành chính.")))
        problems += self.applicant.check_all()
        docs = self.documents.model.checked_inputs()
        if self._procedure is not None and not docs:
            problems.append(("documents", self.tr("Hãy đánh dấu ít nhất một giấy tờ đã nhận.")))
        if problems:
            self._show_problems(problems)
            return None
        assert self._procedure is not None
        a = self.applicant
        return ReceiveInput(
            procedure_code=self._procedure.code, applicant_name=a.name.text(), id_number=a.id_number.text(),
            cccd_qr=a.qr_text, phone=a.phone.text(), address=a.address.text(), email=a.email.text(),
            channel=a.channel_code(), pages=self.costs.pages(), copies=self.costs.copies(),
            sets=self.costs.sets(), documents=docs, notes=self.notes.text())

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        """Each message under its field, the count in the banner, the cursor on the first field to fix."""
        for field, message in reversed(problems):  # the focus ends on the first
            self._show_field_error(field, message)
        if len(problems) > 1:
            self.banner.show_message("error", self.tr("Chưa tiếp nhận: còn {n} chỗ cần sửa (ghi dưới từng ô)."
                                                      ).format(n=len(problems)))

    def receive(self) -> None:
        if self._busy:
            return
        inp = self.build_input()
        if inp is None or not self.clock_note.confirm_receive(self._session.clock.now()):
            return
        self._busy = True
        self.receive_button.setEnabled(False)
        self.banner.show_message("info", self.tr("Đang lưu hồ sơ…"))
        ticket_id = self._ticket.id if self._ticket else None
        StoreOp(self, self._session, lambda ctx: receive_for_ticket(ctx, inp, ticket_id)) \
            .success(self._on_received).failure(self._on_failed).run()

    def _on_received(self, result: ReceiveResult) -> None:
        self._busy = False
        self.receive_button.setEnabled(True)
        code, due = result.code, result.dossier.get("due_at")
        text = self.tr("✓ Đã tiếp nhận hồ sơ <b>{code}</b> — {name}. Hẹn trả: <b>{due}</b>").format(
            code=code, name=result.dossier["applicant_name"],
            due=long_dt(due, self._session.lang) if due else self.tr("không hẹn"))
        if self._ticket is not None:
            text += "<br>" + (self.tr("Đã gắn với số thứ tự {n}.").format(n=self._ticket.number)
                              if getattr(result, "ticket_linked", False) else
                              self.tr("⚠ Chưa gắn được với số thứ tự {n}; hồ sơ vẫn được lưu.").format(
                                  n=self._ticket.number))
            self._ticket = None
        self.banner.show_message("ok", text)
        self.clear_form()
        self.received.emit(code)
        self.receipts.produce(code)

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.receive_button.setEnabled(True)
        lang = self._session.lang
        if isinstance(exc, ValidationError):
            self._show_field_error(exc.field, exc.message(lang))
            return
        if not is_expected(exc):
            log_exception(self._session.data_dir, exc)
        self.banner.show_message("error", self.tr("Chưa lưu được hồ sơ, những gì đã nhập vẫn còn nguyên. {reason}")
                                 .format(reason=user_message(exc, lang)))

    def _show_field_error(self, field: str, message: str) -> None:
        self.banner.show_message("error", self.tr("Chưa tiếp nhận: {message}").format(message=message))
        if field == "procedure":
            self.procedure_error.set_message(message)
            self.picker.search.setFocus()
        elif field == "documents":
            self.documents.set_error(message)
            self.documents.table.setFocus()
        elif field in ("pages", "copies", "sets", "fee"):
            self.costs.set_error(field, message)
        elif field == "notes":
            self.notes.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.applicant.set_error(field, message)
            widget = self.applicant.widget_for(field)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
