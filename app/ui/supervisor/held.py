"""Pulled changes kept aside (``sync_held``), with the reason: the screen for ``motcua sync held``.

Why on the rejected-events window: both are what sync could not do, one in each direction — events the server
refused (fixed and sent again from the table above) and changes from the server this PC could not check or store
(shown here so the supervisor can tell the province; the feed went on without them).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.store import sync_held
from app.ui.session import AppSession

KINDS_VI = {"dossier": "Hồ sơ", "dossier_status": "Trạng thái hồ sơ", "catalog": "Thủ tục", "calendar": "Lịch nghỉ"}


class HeldChangesPanel(QWidget):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        t = session.t
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("heldTable")
        self.table.setHorizontalHeaderLabels([t("Loại", "Kind"), t("Khóa", "Key"),
                                              t("Lý do không áp dụng được", "Why it was not applied"),
                                              t("Giữ lại lúc", "Kept aside at")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(2, 360)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        held = sync_held.listing(self.session.store)
        english = self.session.lang == "en"
        self.table.setRowCount(len(held))
        for row, change in enumerate(held):
            kind = change.kind if english else KINDS_VI.get(change.kind, change.kind)
            for col, text in enumerate((kind, change.key, change.reason, change.held_at)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.info.setText(self.session.t(
            f"Thay đổi tải về bị giữ lại: {len(held)} (máy này không kiểm tra hoặc lưu được; báo cho tỉnh kèm lý do).",
            f"Pulled changes kept aside: {len(held)} (this PC could not check or store them; tell the province).")
            if held else self.session.t("Không có thay đổi tải về nào bị giữ lại.", "No pulled change is kept aside."))
