"""Form 04 before it is printed: the supervisor sees the new date, the cause and the late unit, and may change them.

Why: the letter is an official promise of a new date to a citizen. The defaults of
:mod:`app.services.apology` (three working days from today, a neutral cause, the office) are only a starting
point; the letter used to be written with them and no chance to look. A refusal (a new date before the old
one, an empty cause) lands under its field, with what was typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.text import clean_text
from app.domain.timezone import VN_TZ
from app.printing.errors import PrintInputError
from app.services.apology import DEFAULT_REASON, default_new_due
from app.services.context import ServiceContext
from app.services.print_data import agency
from app.ui.error_form import ErrorForm, no_default_button
from app.ui.errors import user_message
from app.ui.ops import StoreOp
from app.ui.session import AppSession
from app.ui.widgets import make

Produce = Callable[[ServiceContext, datetime, str, str], str]  # (ctx, new due, reason, unit) -> path written


class ApologyDialog(QDialog):
    """``produce`` writes form 04 (in the worker) with what the supervisor chose; ``written(path)`` follows."""

    written = Signal(str)

    def __init__(self, session: AppSession, code: str, produce: Produce, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.code, self._produce = session, code, produce
        t = session.t
        self.setObjectName("apologyDialog")
        self.setWindowTitle(t(f"Thư xin lỗi, gia hạn (mẫu 04) — {code}", f"Apology and new date (form 04) — {code}"))
        self.setMinimumWidth(560)
        ctx = ServiceContext(session.store, session.data_dir, session.clock, session.actor)  # type: ignore[arg-type]
        due = default_new_due(ctx)
        self.new_due = make(QDateTimeEdit, QDateTime(due.year, due.month, due.day, due.hour, due.minute, 0),
                            self, objectName="apologyNewDue", calendarPopup=True)
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.reason = make(QLineEdit, DEFAULT_REASON, self, objectName="apologyReason")
        self.unit = make(QLineEdit, agency(ctx).name, self, objectName="apologyUnit")
        self.form = ErrorForm(session)
        self.form.add("new_due_at", t("Ngày giờ hẹn trả mới", "New date and time for the result"), self.new_due)
        self.form.add("reasons", t("Lý do chậm (in trên thư)", "Cause of the delay (printed)"), self.reason)
        self.form.add("office_name", t("Đơn vị chậm giải quyết", "Unit responsible for the delay"), self.unit)
        self.write = make(QPushButton, t("In thư (PDF)", "Write the letter (PDF)"), self, objectName="apologyWrite")
        cancel = make(QPushButton, t("Hủy", "Cancel"), self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.form.general)
        layout.addWidget(self.write)
        layout.addWidget(cancel)
        self.write.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        no_default_button(self)

    def chosen_due(self) -> datetime:
        value = self.new_due.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=VN_TZ)

    def submit(self) -> None:
        self.form.clear()
        reason, unit = clean_text(self.reason.text()), clean_text(self.unit.text())
        empty = self.session.t("Không được để trống.", "Must not be empty.")
        for name, value in (("reasons", reason), ("office_name", unit)):
            if not value:  # the service would put its default back: an emptied field is a mistake to show
                self.form.errors[name].set_message(empty)
                self.form.fields[name].setFocus()
                return
        new_due, produce = self.chosen_due(), self._produce
        StoreOp(self, self.session, lambda ctx: produce(ctx, new_due, reason, unit)) \
            .success(self._done).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        field = getattr(exc, "field", "")
        if isinstance(exc, PrintInputError) and field in self.form.errors:  # a date or text the form refused
            self.form.errors[field].set_message(user_message(exc, self.session.lang))
            self.form.fields[field].setFocus()
            return
        self.form.show_failure(exc)

    def _done(self, path: str) -> None:
        self.written.emit(path)
        self.accept()
