"""A labelled form whose service refusals land under the field they name, as on the intake form.

Why shared: the three administration screens each send one or two services a handful of fields; a refusal
(``ValidationError``) names its field, and the clerk must read it under that field, in the interface language,
with what they typed left as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QWidget

from app.domain.errors import ValidationError
from app.services.context import ServiceContext
from app.ui.errors import is_expected, log_exception, user_message
from app.ui.ops import StoreOp
from app.ui.session import AppSession
from app.ui.widgets import ERROR_STYLE, FieldError


class ErrorForm(QFormLayout):
    """Rows of ``label: field`` with a hidden message line under each; ``general`` takes the rest."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        # labels above their fields: beside them, long Vietnamese labels left the fields a few characters wide
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}
        self.general = QLabel()
        self.general.setWordWrap(True)
        self.general.setObjectName("formMessage")

    def add(self, name: str, label: str, field: QWidget) -> QWidget:
        caption = QLabel(label)
        caption.setBuddy(field)
        self.addRow(caption, field)
        error = FieldError(name)
        self.addRow("", error)
        self.errors[name], self.fields[name] = error, field
        return field

    def clear(self) -> None:
        for error in self.errors.values():
            error.set_message("")
        self.general.setText("")

    def say(self, text: str, error: bool = False) -> None:
        self.general.setStyleSheet(ERROR_STYLE if error else "")
        self.general.setText(text)

    def run(self, parent: QWidget, op: Callable[[ServiceContext], object], ok: str,
            on_success: Callable[[], None], on_done: Callable[[], None]) -> None:
        """``op`` in the worker; then ``on_success`` and ``ok`` in the message line, or the refusal; ``on_done``."""
        self.clear()

        def success(_result: object) -> None:
            on_success()
            self.say(ok)
            on_done()

        def failure(exc: BaseException) -> None:
            self.show_failure(exc)
            on_done()

        StoreOp(parent, self._session, op).success(success).failure(failure).run()

    def show_failure(self, exc: BaseException) -> None:
        """A refusal under its field (focus there); anything else in the general line, logged if a bug."""
        lang = self._session.lang
        if isinstance(exc, ValidationError) and exc.field in self.errors:
            self.errors[exc.field].set_message(exc.message(lang))
            self.fields[exc.field].setFocus()
            return
        if not is_expected(exc):
            log_exception(self._session.data_dir, exc)
        self.say(user_message(exc, lang), error=True)


def no_default_button(dialog: QWidget) -> None:
    """Return in a field does that field's job only: without this, a dialog's first button (its "default")
    is clicked too, so Return in the new-password field would also deactivate the account."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)
