"""The login and lock screen: it covers the whole work area until a clerk signs in.

Why a page and not a dialog: locking must hide the dossiers on screen (a citizen stands at the counter) while
keeping what the clerk was typing, and the same screen serves the first login. The password check runs in the
worker (scrypt costs ~50 ms), so the window never stutters.

While the store is still opening (:meth:`set_loading`) the clerk may already type a name and password, but
signing in waits: the button is off, Enter does nothing, and a line under the button says the data is being
opened (or which long step runs: a first encryption, a migration).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.context import Actor
from app.ui.errors import user_message
from app.ui.fonts import follow_scale
from app.ui.session import AppSession
from app.ui.widgets import FieldError, make


class LockPage(QWidget):
    """Username and password; emits ``unlocked`` with the clerk once the store says who they are."""

    unlocked = Signal(object)  # Actor

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._locked_for: Actor | None = None
        self._focus_field: QWidget = self
        self._loading = False
        self.title = make(QLabel, self, objectName="lockTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        follow_scale(self.title, 1.6)
        self.title.setWordWrap(True)
        self.subtitle = make(QLabel, self, objectName="lockSubtitle", alignment=Qt.AlignmentFlag.AlignCenter,
                             wordWrap=True)
        self.username = make(QLineEdit, self, objectName="loginUser")
        self.username.setPlaceholderText(self.tr("Tên đăng nhập"))
        self.password = make(QLineEdit, self, objectName="loginPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Mật khẩu"))
        self.error = FieldError("login", self)
        self.button = make(QPushButton, self.tr("Đăng nhập"), self, objectName="loginButton", default=True)
        self.loading = make(QLabel, self, objectName="loginLoading", wordWrap=True,
                            alignment=Qt.AlignmentFlag.AlignCenter)
        self.loading.hide()
        self.hint = make(QLabel, self, objectName="demoHint", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("background: #eef4ff; border: 1px solid #b7c9ef; border-radius: 4px; padding: 8px;")
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)

        box = make(QFrame, self, objectName="loginBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        # as wide as ~60 characters of the current text size, never a fixed 520 px: in "Rất lớn" text the
        # messages were cut at both ends (issue 17)
        box.setFixedWidth(max(520, self.fontMetrics().averageCharWidth() * 60))
        self._box = box
        inner = QVBoxLayout(box)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        for widget in (self.title, self.subtitle, self.username, self.password, self.error, self.button, self.loading,
                       self.hint):
            inner.addWidget(widget)
        middle = QHBoxLayout()  # stretches, not alignment: aligned items lose their height-for-width
        middle.addStretch(1)
        middle.addWidget(box)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.show_login()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_box"):
            self._box.setFixedWidth(max(520, self.fontMetrics().averageCharWidth() * 60))

    def showEvent(self, event: QShowEvent) -> None:
        """Focus can only be given to a visible field: the first showing of the window needs this."""
        super().showEvent(event)
        self._focus_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_title(self) -> None:
        office = self._session.setting("office_name") if self._session.is_open else ""
        self.title.setText(office or "MotCua")

    def set_loading(self, loading: bool, step: str = "") -> None:
        """The store is opening (``step``: what it is doing, when that takes long): sign-in waits until it is open."""
        self._loading = loading
        self.button.setEnabled(not loading)
        self.loading.setText(step or self.tr("Đang mở dữ liệu, xin chờ giây lát…") if loading else "")
        self.loading.setVisible(loading)
        if not loading:
            self._set_title()

    def show_login(self) -> None:
        """The first sign-in (or after "switch user"): both fields empty."""
        self._locked_for = None
        self._set_title()
        self.subtitle.setText(self.tr("Phần mềm tiếp nhận hồ sơ một cửa — đăng nhập để bắt đầu"))
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.error.set_message("")
        demo = self._session.demo_login
        self.hint.setVisible(demo is not None)
        if demo is not None:
            # the sign-in on a line of its own: in English the sentence wrapped inside "motcua-demo" (issue 17)
            self.hint.setText(self.tr("Văn phòng mẫu (dữ liệu thử):<br>tên đăng nhập <b>{user}</b>, "
                                      "mật khẩu <b>{password}</b>").format(user=_unbroken(demo[0]),
                                                                            password=_unbroken(demo[1])))
            self.username.setText(demo[0])
        self._focus_field = self.password if demo is not None else self.username
        self._focus_field.setFocus()

    def show_locked(self, actor: Actor) -> None:
        """Locked while ``actor`` was working: their name is kept, only the password is asked."""
        self._locked_for = actor
        self._set_title()
        self.subtitle.setText(self.tr("Màn hình đã khóa. {name}, nhập mật khẩu để tiếp tục "
                                      "(hoặc đăng nhập tài khoản khác).").format(name=actor.full_name
                                                                                 or actor.username))
        self.username.setText(actor.username)
        self.password.clear()
        self.error.set_message("")
        self._focus_field = self.password
        self.password.setFocus()

    def submit(self) -> None:
        if self._loading:  # Enter in the password field while the store opens: nothing to check against yet
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username:
            self.error.set_message(self.tr("Hãy nhập tên đăng nhập."))
            self.username.setFocus()
            return
        from app.services.accounts import authenticate  # imported at the first sign-in, not before the window

        self.button.setEnabled(False)
        session = self._session
        session.tasks.run(lambda: authenticate(session.worker_store(), username, password, session.clock),
                          self._on_success, self._on_failure)

    def _on_success(self, actor: Actor) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self.error.set_message("")
        self.unlocked.emit(actor)

    def _on_failure(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.error.set_message(user_message(exc, self._session.lang))
        self.password.clear()
        self.password.setFocus()


def _unbroken(text: str) -> str:
    """``text`` kept on one line in rich text: "motcua-demo" wrapped at its hyphen in English (issue 17)."""
    return f"<nobr>{html.escape(text)}</nobr>"
