"""Connecting this device to the central server or the office hub, "sync now", and what waits or was refused.

Why a screen: a device showing "Ngoại tuyến, 289 chờ gửi" could only be connected from a terminal (issue 17).
Enrolment and the sync round call :mod:`app.services.device_link`, the same functions as ``motcua enroll`` and
``motcua sync``, in the worker (the network may take seconds); the state shown is re-read after each.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.device_link import Enrolment, enroll_device, sync_once, sync_status
from app.ui.error_form import ErrorForm, no_default_button
from app.ui.format import clock_gap
from app.ui.ops import StoreOp
from app.ui.session import AppSession
from app.ui.widgets import make


class SyncDialog(QDialog):
    acted = Signal()  # after each enrolment or round, once the state is shown again

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("syncDialog")
        self.setWindowTitle(self.tr("Kết nối máy chủ và đồng bộ"))
        self.setMinimumWidth(640)
        self.state = make(QLabel, self, objectName="syncState", wordWrap=True)
        self.sync_button = make(QPushButton, self.tr("Đồng bộ ngay"), self, objectName="syncNow")
        self.rejected_button = make(QPushButton, self.tr("Xem sự kiện bị từ chối…"), self,
                                    objectName="syncRejected")
        self.server = make(QLineEdit, self, objectName="enrolServer")
        self.server.setPlaceholderText("https://motcua.tinh.gov.vn")
        self.code = make(QLineEdit, self, objectName="enrolCode")
        self.name = make(QLineEdit, self, objectName="enrolName")
        self.name.setPlaceholderText(self.tr("ví dụ: Quầy 1"))
        self.enrol_button = make(QPushButton, self.tr("Kết nối thiết bị"), self, objectName="enrolButton")
        self.form = ErrorForm(session)
        self.form.add("server", self.tr("Địa chỉ máy chủ / máy trạm của xã"), self.server)
        self.form.add("code", self.tr("Mã đăng ký (do máy chủ cấp)"), self.code)
        self.form.add("name", self.tr("Tên thiết bị"), self.name)
        close = make(QPushButton, self.tr("Đóng"), self, objectName="syncClose")

        now = QHBoxLayout()
        now.addWidget(self.sync_button)
        now.addWidget(self.rejected_button)
        now.addStretch(1)
        enrol = QGroupBox(self.tr("Kết nối (đăng ký) thiết bị"), self)
        inner = QVBoxLayout(enrol)
        inner.addLayout(self.form)
        inner.addWidget(self.enrol_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(now)
        layout.addWidget(self.form.general)
        layout.addWidget(enrol)
        layout.addWidget(close)
        self.sync_button.clicked.connect(self.sync_now)
        self.enrol_button.clicked.connect(self.enrol)
        self.server.returnPressed.connect(self.code.setFocus)
        self.code.returnPressed.connect(self.name.setFocus)
        self.name.returnPressed.connect(self.enrol)
        self.rejected_button.clicked.connect(self.show_rejected)
        close.clicked.connect(self.accept)
        no_default_button(self)
        self.reload()

    def reload(self) -> None:
        s = self.session
        status = sync_status(ServiceContext(s.store, s.data_dir, s.clock))
        online = {True: self.tr("trực tuyến"), False: self.tr("ngoại tuyến"), None: self.tr("chưa thử")}[status.online]
        if status.enrolled:
            text = self.tr("Đã kết nối với <b>{server}</b> (đơn vị {office}, khe {slot}) — {online}.").format(
                server=status.server_url, office=status.office_code, slot=status.slot, online=online)
        else:
            text = self.tr("Thiết bị <b>chưa kết nối</b> với máy chủ: hồ sơ chỉ lưu trên máy này.")
        text += "<br>" + self.tr("Chờ gửi: <b>{pending}</b> — bị từ chối: <b>{rejected}</b> — đồng bộ lần cuối: "
                                 "{last}").format(pending=status.pending, rejected=status.rejected,
                                                  last=status.last_sync_at or self.tr("chưa"))
        if status.clock_warning:
            text += "<br>" + self.tr("⚠ Đồng hồ máy {gap} so với máy chủ.").format(
                gap=clock_gap(status.clock_offset_s, self.session.lang))
        self.state.setText(text)
        self.sync_button.setEnabled(status.enrolled)
        self.rejected_button.setText(self.tr("Xem sự kiện bị từ chối ({n})…").format(n=status.rejected))
        self.rejected_button.setEnabled(status.rejected > 0)
        if status.enrolled and not self.server.text():
            self.server.setText(status.server_url)
        self._first = self.sync_button if status.enrolled else self.server
        self._first.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """Focus can only go to a visible field: where to start is decided by the state, once shown."""
        super().showEvent(event)
        self._first.setFocus()

    def enrol(self) -> None:
        self.form.clear()
        server, code, name = self.server.text(), self.code.text(), self.name.text()
        self.enrol_button.setEnabled(False)
        self.form.say(self.tr("Đang kết nối…"))
        StoreOp(self, self.session, lambda ctx: enroll_device(ctx, server, code, name)) \
            .success(self._enrolled).failure(self._failed).run_on_network()

    def _enrolled(self, result: Enrolment) -> None:
        self.enrol_button.setEnabled(True)
        self.code.clear()
        self.reload()
        self.form.say(self.tr("✓ Đã kết nối với {server}: đơn vị {office} ({name}), khe thiết bị {slot}.").format(
            server=result.server_url, office=result.office_code, name=result.office_name, slot=result.slot))
        self.session.announce(Changes(settings=True, extra={"sync": True}))
        self.acted.emit()

    def sync_now(self) -> None:
        self.form.clear()
        self.sync_button.setEnabled(False)
        self.form.say(self.tr("Đang đồng bộ…"))
        StoreOp(self, self.session, sync_once).success(self._synced).failure(self._failed).run_on_network()

    def _synced(self, report: object) -> None:
        self.reload()
        self.form.say(self.tr("✓ Đã gửi {pushed}, nhận {pulled}; còn chờ {pending}, bị từ chối {rejected}.").format(
            pushed=getattr(report, "pushed", 0), pulled=getattr(report, "pulled", 0),
            pending=getattr(report, "pending", 0), rejected=getattr(report, "rejected_total", 0)))
        self.session.announce(Changes(settings=True, extra={"sync": True}))
        self.acted.emit()

    def _failed(self, exc: BaseException) -> None:
        self.enrol_button.setEnabled(True)
        self.reload()
        self.form.show_failure(exc)
        self.acted.emit()

    def show_rejected(self) -> None:
        from app.ui.supervisor.rejected import RejectedEventsDialog

        dialog = RejectedEventsDialog(self.session, self)
        dialog.finished.connect(lambda _r: self.reload())
        dialog.open()
