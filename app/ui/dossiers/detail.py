"""One dossier: its data, documents, history timeline, the status moves allowed now, and reprints.

The dialog reads on the GUI connection and writes through the worker; when a change report names this dossier
it reloads itself, so two windows on the same dossier never disagree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.status import Status
from app.services.access_log import record_access
from app.services.changes import Changes
from app.services.queries import dossier_detail
from app.services.status_change import StatusResult, change_status
from app.store.errors import NotFoundError
from app.ui.attachments.panel import PagesPanel
from app.ui.banner import Banner
from app.ui.dossiers.badges import badge_colours, badge_of, badge_text
from app.ui.dossiers.history import event_text, info_rows
from app.ui.dossiers.status_actions import ask_reason, moves_for
from app.ui.errors import user_message
from app.ui.fonts import follow_scale
from app.ui.format import short_dt
from app.ui.ops import StoreOp
from app.ui.printouts.printer import FORM_FOR_STATUS, FORM_NAMES, DocumentPrinter, Produced
from app.ui.session import AppSession
from app.ui.widgets import make


class DossierDialog(QDialog):
    returned = Signal(str)  # the result was handed back: ask the citizen for a rating

    def __init__(self, session: AppSession, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierDialog")
        self.resize(980, 640)
        self._session = session
        self.code = code
        self.detail: dict[str, Any] = {}
        self.title = make(QLabel, self, objectName="detailTitle")
        follow_scale(self.title, 1.3)
        self.state = make(QLabel, self, objectName="detailState")
        self.banner = Banner(self)
        self.tabs = QTabWidget(self)
        self.info = QWidget(self)
        self.info_form = QFormLayout(self.info)
        # fixed alignment: rebuilt after each status change, the rows used to come back aligned differently
        self.info_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.info_form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.info_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.documents = make(QTableWidget, 0, 4, self, objectName="detailDocuments")
        self.documents.setHorizontalHeaderLabels([self.tr("Giấy tờ"), self.tr("Bản chính"), self.tr("Bản sao CT"),
                                                  self.tr("Bản photo")])
        self.documents.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents.setWordWrap(True)
        self.timeline = make(QTreeWidget, self, objectName="detailTimeline")
        self.timeline.setHeaderLabels([self.tr("Thời gian"), self.tr("Việc"), self.tr("Người thực hiện"),
                                       self.tr("Lý do")])
        self.timeline.setRootIsDecorated(False)
        self.tabs.addTab(self.info, self.tr("Thông tin"))
        self.tabs.addTab(self.documents, self.tr("Giấy tờ"))
        self.tabs.addTab(self.timeline, self.tr("Lịch sử xử lý"))
        self.tabs.addTab(PagesPanel(session, code, self), self.tr("Trang đã quét"))  # app/ui/attachments
        # rows are measured when the tab is shown: measured hidden, the name column had no width yet and the
        # first row came out 420 px tall (issue 17)
        self.tabs.currentChanged.connect(lambda _i: self.documents.resizeRowsToContents())
        self.actions_row = QHBoxLayout()
        self.reprint = make(QPushButton, self.tr("In lại…"), self, objectName="reprintButton")
        self.reprint_menu = QMenu(self.reprint)
        self.reprint.setMenu(self.reprint_menu)
        self.correct_button = make(QPushButton, self.tr("Sửa thông tin người nộp…"), self,
                                   objectName="correctButton")
        self.correct_button.clicked.connect(self.open_correction)
        close = QPushButton(self.tr("Đóng"), self)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addLayout(self.actions_row, 1)
        bottom.addWidget(self.correct_button)
        bottom.addWidget(self.reprint)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.printer = DocumentPrinter(session, self)
        self.printer.done.connect(self._printed)
        self.printer.failed.connect(lambda _k, _c, message: self.banner.show_message(
            "error", self.tr("Chưa in được: {reason}").format(reason=message)))
        session.changed.connect(self._on_changed)
        self.move_buttons: dict[Status, QPushButton] = {}
        self.reload()
        StoreOp(self, session, lambda ctx: record_access(ctx, code, "view", {"via": "app"})).run()  # who saw what

    # -- showing ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        lang = self._session.lang
        try:
            self.detail = d = dossier_detail(self._session.store, self.code, self._session.clock.now())
        except NotFoundError as exc:
            self.title.setText(user_message(exc, lang))
            return
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=d["code"]))
        self.title.setText(f"<b>{d['code']}</b> — {d['applicant_name']}")
        state = badge_of(d, self._session.clock.now())
        background, foreground = badge_colours(state)
        self.state.setText(f"{Status(d['status']).label(lang)} · {badge_text(state)}")
        self.state.setStyleSheet(f"color: {foreground.name()}; padding: 4px;"
                                 + (f" background: {background.name()};" if background else ""))
        while self.info_form.rowCount():
            self.info_form.removeRow(0)
        for label, value in info_rows(d, lang):
            text = make(QLabel, value, self.info, wordWrap=True)
            self.info_form.addRow(label, text)
        self._fill_documents(d["documents"])
        self.timeline.clear()
        for event in d["events"]:
            what = event_text(event, lang)
            QTreeWidgetItem(self.timeline, [short_dt(event["at"]), what, event["actor"], event["reason"]])
        for column in range(3):
            self.timeline.resizeColumnToContents(column)
        self._fill_moves(Status(d["status"]))
        self._fill_reprints(d)

    def _fill_documents(self, docs: list[dict[str, Any]]) -> None:
        self.documents.setRowCount(len(docs))
        for r, doc in enumerate(docs):
            values = (doc["name"], doc["originals"], doc["certified_copies"], doc["photocopies"])
            for c, value in enumerate(values):
                self.documents.setItem(r, c, QTableWidgetItem(str(value) if value or c == 0 else ""))
        self.documents.resizeRowsToContents()

    def _fill_moves(self, current: Status) -> None:
        # the pressed button goes away with the move: the keyboard stays on the next move (or the dossier), it
        # is not dropped (a keyboard-only clerk had nowhere to Tab from)
        had_focus = any(b.hasFocus() for b in self.move_buttons.values())
        for button in self.move_buttons.values():
            self.actions_row.removeWidget(button)
            button.deleteLater()
        self.move_buttons = {}
        for target, text in moves_for(current):
            button = make(QPushButton, text, self, objectName=f"move_{target.name.lower()}")
            button.clicked.connect(lambda _c=False, t=target: self.move_to(t))
            self.actions_row.addWidget(button)
            self.move_buttons[target] = button
        self.actions_row.addStretch(0)
        if had_focus:
            first = next(iter(self.move_buttons.values()), None)
            (first or self.correct_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_reprints(self, d: dict[str, Any]) -> None:
        self.reprint_menu.clear()
        forms = ["receipt", "form06"]
        reached = {e.get("to_status") for e in d["events"]}
        forms += [form for status, form in FORM_FOR_STATUS.items() if int(status) in reached]
        for form in forms:
            action = self.reprint_menu.addAction(self.tr("Mẫu {n}").format(n=FORM_NAMES[form]))
            action.triggered.connect(lambda _c=False, f=form: self.printer.produce(f, self.code))

    # -- acting ---------------------------------------------------------------------------------------------
    def move_to(self, target: Status) -> None:
        """Ask what the move needs (reason, confirmation), then make it in the worker."""
        reason = ask_reason(self, self.code, target, self._session.lang)
        if reason is None:
            return
        for button in self.move_buttons.values():
            button.setEnabled(False)
        code = self.code
        StoreOp(self, self._session, lambda ctx: change_status(ctx, code, target, reason or None)) \
            .success(self._moved).failure(self._move_failed).run()

    def open_correction(self) -> QDialog:
        """Correct the applicant's data (audited, with a reason): a typo no longer means a new dossier."""
        from app.ui.dossiers.correction import CorrectionDialog

        dialog = CorrectionDialog(self._session, self.detail, self)
        dialog.accepted.connect(lambda: self.banner.show_message("ok", self.tr("Đã sửa thông tin người nộp.")))
        dialog.open()
        self.correction = dialog
        return dialog

    def _moved(self, result: StatusResult) -> None:
        lang = self._session.lang
        self.banner.show_message("ok", self.tr("Đã chuyển sang “{status}”.").format(
            status=result.to_status.label(lang)))
        form = FORM_FOR_STATUS.get(result.to_status)
        if form is not None:
            self.printer.produce(form, self.code)
        if result.to_status is Status.RETURNED:
            self.returned.emit(self.code)

    def _move_failed(self, exc: BaseException) -> None:
        self.banner.show_message("error", user_message(exc, self._session.lang))
        for button in self.move_buttons.values():
            button.setEnabled(True)

    def _printed(self, produced: Produced) -> None:
        name = FORM_NAMES.get(produced.kind, produced.kind)
        if produced.path is None:
            self.banner.show_message("ok", self.tr("Đã gửi mẫu {n} tới máy in {printer}.").format(
                n=name, printer=produced.printer))
            return
        path = produced.path
        self.banner.show_message("ok", self.tr("Mẫu {n} đã lưu thành tệp PDF: {path}").format(n=name, path=path),
                                 ((self.tr("Mở"), lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))),))

    def _on_changed(self, changes: Changes) -> None:
        if self.detail and (self.detail.get("id") in changes.dossier_ids):
            self.reload()
