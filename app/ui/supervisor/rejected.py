"""The supervisor's list of events the central server rejected, with the reason, and a button to send again; below
it, the pulled changes this PC kept aside (:mod:`app.ui.supervisor.held`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.sync_admin import RejectedEvent, rejected_events, resend
from app.ui.ops import StoreOp
from app.ui.session import AppSession
from app.ui.supervisor.held import HeldChangesPanel


class RejectedEventsDialog(QDialog):
    """Small by nature (a handful of rows), so a plain table widget is the right tool here."""

    HEADERS = ("Mã hồ sơ", "Loại sự kiện", "Lý do máy chủ từ chối", "Thời điểm")

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Sự kiện bị máy chủ từ chối"))
        self.resize(900, 560)
        self.info = QLabel()
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 230)
        self.table.setColumnWidth(1, 170)
        self.table.setColumnWidth(2, 330)
        self.resend_button = QPushButton(self.tr("Gửi lại sự kiện đã chọn"))
        self.resend_button.clicked.connect(self.resend_selected)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resend_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addWidget(HeldChangesPanel(session, self))  # the other direction: pulled changes kept aside
        layout.addLayout(buttons)
        self.events: list[RejectedEvent] = []
        self.reload()

    def reload(self) -> None:
        self.events = rejected_events(self.session.store)
        self.table.setRowCount(len(self.events))
        for row, event in enumerate(self.events):
            for col, text in enumerate((event.code, event.kind, event.reason, event.created_at)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        count = self.tr("Số sự kiện bị từ chối: %1. Sửa nguyên nhân rồi gửi lại.").replace("%1", str(len(self.events)))
        self.info.setText(count if self.events else self.tr("Không có sự kiện nào bị từ chối."))
        self.resend_button.setEnabled(bool(self.events))

    def resend_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.events[r].id for r in rows if r < len(self.events)]
        if not ids:
            return

        def run(ctx):  # type: ignore[no-untyped-def]
            for event_id in ids:
                resend(ctx, event_id)

        StoreOp(self, self.session, run).success(lambda _r: self.reload()).run()
