"""First start on a new PC: the office's code and name, this counter and device slot, the admin password.

The dialog stays open until the office is really set up (the write runs in the worker), so a wrong unit
code is shown under the form and nothing half-done is left behind.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from app.domain.errors import ValidationError
from app.services.context import ServiceContext
from app.services.recovery_key import RecoverySheet, first_showing
from app.services.setup import InitResult, init_office
from app.ui.errors import user_message
from app.ui.fonts import scaled
from app.ui.ops import StoreOp
from app.ui.recovery_key_dialog import RecoveryKeyDialog
from app.ui.session import AppSession
from app.ui.widgets import FieldError, dialog_buttons, make


class FirstRunDialog(QDialog):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Cài đặt lần đầu — MotCua"))
        self.setMinimumWidth(560)
        self._session = session
        self.result_value: InitResult | None = None
        intro = make(QLabel, self.tr("Chào mừng! Máy này chưa gắn với đơn vị nào. Nhập thông tin đơn vị một lần; "
                               "có thể sửa tên, quầy, máy in sau trong Cài đặt."), self, wordWrap=True)
        intro.setFont(scaled(self.font(), 1.05))
        self.office_code = make(QLineEdit, self, objectName="init_office_code")
        self.office_code.setPlaceholderText("000.00.12.H62")
        self.office_name = make(QLineEdit, self, objectName="init_office_name")
        self.office_name.setPlaceholderText(self.tr("Trung tâm Phục vụ hành chính công xã …"))
        self.agency_name = make(QLineEdit, self, objectName="init_agency_name")
        self.agency_name.setPlaceholderText(self.tr("UBND xã …"))
        self.counter = make(QSpinBox, self, minimum=1, maximum=99, value=1, objectName="init_counter")
        self.slot = make(QSpinBox, self, minimum=0, maximum=9, value=0, objectName="init_slot")
        self.password = make(QLineEdit, self, objectName="init_password", echoMode=QLineEdit.EchoMode.Password)
        self.password2 = make(QLineEdit, self, objectName="init_password2", echoMode=QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Mã đơn vị (mã định danh điện tử)"), self.office_code)
        form.addRow(self.tr("Tên đơn vị"), self.office_name)
        form.addRow(self.tr("Cơ quan chủ quản"), self.agency_name)
        form.addRow(self.tr("Số quầy"), self.counter)
        form.addRow(self.tr("Khe thiết bị (0 nếu chỉ có một máy)"), self.slot)
        form.addRow(self.tr("Mật khẩu quản trị (admin)"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.password2)
        self.error = FieldError("init", self)
        self.buttons = dialog_buttons(self, self.accept, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.password.text() != self.password2.text():
            self.error.set_message(self.tr("Hai lần nhập mật khẩu không giống nhau."))
            self.password2.setFocus()
            return
        code, name, agency = self.office_code.text(), self.office_name.text(), self.agency_name.text()
        counter, slot, password = self.counter.value(), self.slot.value(), self.password.text()
        self.buttons.setEnabled(False)
        def set_up(ctx: ServiceContext) -> tuple[InitResult, RecoverySheet | None]:
            result = init_office(ctx, office_code=code, office_name=name, agency_name=agency, counter=counter,
                                 device_slot=slot, admin_password=password)  # fmt: skip
            return result, first_showing(ctx) if ctx.store.key is not None else None

        StoreOp(self, self._session, set_up).success(self._done).failure(self._failed).run()

    def _done(self, outcome: tuple[InitResult, RecoverySheet | None]) -> None:
        self.result_value, sheet = outcome
        if sheet is not None:  # shown once, as `motcua init` prints it (issue 16)
            RecoveryKeyDialog.ask(self, sheet)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.set_message(user_message(exc, self._session.lang))
        if isinstance(exc, ValidationError):
            widget = {"office_code": self.office_code, "office_name": self.office_name,
                      "password": self.password}.get(exc.field)
            if widget is not None:
                widget.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, session: AppSession) -> InitResult | None:
        """Set the office up; None when the user gave up."""
        dialog = cls(session, parent)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
