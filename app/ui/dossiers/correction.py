"""The dialog that corrects the applicant's data on a received dossier (an audited change with a reason).

Why a dialog of its own with ``ask()``: the detail window stays a viewer; this asks for the new values and the
reason, sends them to :func:`app.services.applicant_correction.correct_applicant` in the worker and shows a
refusal under the field it names, keeping what was typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.applicant_correction import correct_applicant
from app.ui.error_form import ErrorForm, no_default_button
from app.ui.session import AppSession
from app.ui.widgets import make


class CorrectionDialog(QDialog):
    def __init__(self, session: AppSession, dossier: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.code = str(dossier["code"])
        self.setObjectName("correctionDialog")
        self.setWindowTitle(self.tr("Sửa thông tin người nộp — {code}").format(code=self.code))
        self.setMinimumWidth(560)
        self.form = ErrorForm(session)
        self.edits: dict[str, QLineEdit] = {}
        for field, label in (("applicant_name", self.tr("Họ và tên")), ("id_number", self.tr("Số định danh")),
                             ("phone", self.tr("Điện thoại")), ("address", self.tr("Địa chỉ")),
                             ("email", self.tr("Thư điện tử"))):
            edit = make(QLineEdit, str(dossier.get(field) or ""), self, objectName=f"fix_{field}")
            self.edits[field] = self.form.add(field, label, edit)  # type: ignore[assignment]
        self.reason = make(QLineEdit, self, objectName="fix_reason")
        self.reason.setPlaceholderText(self.tr("ví dụ: gõ nhầm tên khi tiếp nhận"))
        self.form.add("reason", self.tr("Lý do sửa (bắt buộc)"), self.reason)
        self.save = make(QPushButton, self.tr("Lưu thay đổi"), self, objectName="fixSave")
        cancel = make(QPushButton, self.tr("Hủy"), self, objectName="fixCancel")
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.form.general)
        layout.addWidget(self.save)
        layout.addWidget(cancel)
        self.save.clicked.connect(self.submit)
        self.reason.returnPressed.connect(self.submit)
        cancel.clicked.connect(self.reject)
        no_default_button(self)

    def submit(self) -> None:
        values = {field: edit.text() for field, edit in self.edits.items()}
        code, reason = self.code, self.reason.text()
        self.form.run(self, lambda ctx: correct_applicant(ctx, code, values, reason),
                      self.tr("✓ Đã sửa."), self.accept, lambda: None)
