"""User accounts on a screen: add a clerk, reset a forgotten password, deactivate or reactivate.

Why: without it everybody signed in as the admin and every receipt was signed "Quản trị viên" (issue 17). The
rules (a supervisor looks after clerks only, nobody locks themselves or the last admin out) live in
:mod:`app.services.account_admin`; this screen shows its refusals under the field they name.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.account_admin import add_account, list_accounts, reset_password, set_active
from app.services.context import ServiceContext
from app.ui.error_form import ErrorForm, no_default_button
from app.ui.noop import QT_TRANSLATE_NOOP
from app.ui.session import AppSession
from app.ui.widgets import make

ROLE_LABELS = {"clerk": QT_TRANSLATE_NOOP("AccountsDialog", "Cán bộ tiếp nhận"),
               "supervisor": QT_TRANSLATE_NOOP("AccountsDialog", "Giám sát"),
               "admin": QT_TRANSLATE_NOOP("AccountsDialog", "Quản trị")}


class AccountsDialog(QDialog):
    acted = Signal()  # after each change has been written and the list re-read

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("accountsDialog")
        self.setWindowTitle(self.tr("Tài khoản người dùng"))
        self.setMinimumWidth(900)
        self.table = make(QTableWidget, 0, 4, self, objectName="accountsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Tên đăng nhập"), self.tr("Họ và tên"), self.tr("Vai trò"),
                                              self.tr("Trạng thái")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)  # ~8 rows at any text size
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.new_password = make(QLineEdit, self, objectName="resetPassword", echoMode=QLineEdit.EchoMode.Password)
        self.reset_button = make(QPushButton, self.tr("Đặt lại mật khẩu"), self, objectName="resetButton")
        self.toggle_button = make(QPushButton, self.tr("Khóa tài khoản"), self, objectName="toggleButton")
        self.selected_form = ErrorForm(session)
        self.selected_form.add("password", self.tr("Mật khẩu mới (ít nhất 8 ký tự)"), self.new_password)
        self.selected_form.errors["username"] = self.selected_form.errors["password"]
        self.selected_form.fields["username"] = self.table

        self.username = make(QLineEdit, self, objectName="newUsername")
        self.username.setPlaceholderText(self.tr("chữ thường không dấu, ví dụ: lan.nt"))
        self.full_name = make(QLineEdit, self, objectName="newFullName")
        self.role = make(QComboBox, self, objectName="newRole")
        for key, label in ROLE_LABELS.items():
            self.role.addItem(self.tr(label), key)
        self.password = make(QLineEdit, self, objectName="newPassword", echoMode=QLineEdit.EchoMode.Password)
        self.add_button = make(QPushButton, self.tr("Thêm tài khoản"), self, objectName="addAccount")
        self.add_form = ErrorForm(session)
        self.add_form.add("username", self.tr("Tên đăng nhập"), self.username)
        self.add_form.add("full_name", self.tr("Họ và tên (in trên phiếu)"), self.full_name)
        self.add_form.add("role", self.tr("Vai trò"), self.role)
        self.add_form.add("password", self.tr("Mật khẩu ban đầu"), self.password)
        close = make(QPushButton, self.tr("Đóng"), self, objectName="accountsClose")

        selected = QGroupBox(self.tr("Tài khoản đang chọn"), self)
        sel = QVBoxLayout(selected)
        sel.addLayout(self.selected_form)
        row = QHBoxLayout()
        row.addWidget(self.reset_button)
        row.addWidget(self.toggle_button)
        row.addStretch(1)
        sel.addLayout(row)
        sel.addWidget(self.selected_form.general)
        adding = QGroupBox(self.tr("Thêm tài khoản"), self)
        add = QVBoxLayout(adding)
        add.addLayout(self.add_form)
        add.addWidget(self.add_button)
        add.addWidget(self.add_form.general)
        sides = QHBoxLayout()
        sides.addWidget(selected, 1)
        sides.addWidget(adding, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(sides)
        layout.addWidget(close)
        self.reset_button.clicked.connect(self.reset_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.add_button.clicked.connect(self.add)
        self.new_password.returnPressed.connect(self.reset_selected)
        self.password.returnPressed.connect(self.add)
        self.table.itemSelectionChanged.connect(self._on_selection)
        close.clicked.connect(self.accept)
        no_default_button(self)
        self.rows: list[dict[str, object]] = []
        self.reload()

    # -- list ---------------------------------------------------------------------------------------------
    def reload(self, keep: str | None = None) -> None:
        s = self.session
        self.rows = list_accounts(ServiceContext(s.store, s.data_dir, s.clock))
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            texts = (str(row["username"]), str(row["full_name"]), self.tr(ROLE_LABELS.get(str(row["role"]), "")),
                     self.tr("Đang dùng") if row["active"] else self.tr("Đã khóa"))
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for column in (0, 2, 3):
            self.table.resizeColumnToContents(column)
        names = [str(row["username"]) for row in self.rows]
        self.table.selectRow(names.index(keep) if keep in names else 0)
        self._on_selection()

    def selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(self.rows[rows[0].row()]["username"]) if rows and rows[0].row() < len(self.rows) else None

    def _on_selection(self) -> None:
        name = self.selected_username()
        row = next((r for r in self.rows if r["username"] == name), None)
        active = bool(row and row["active"])
        self.toggle_button.setText(self.tr("Khóa tài khoản") if active or row is None else self.tr("Mở khóa"))
        for widget in (self.reset_button, self.toggle_button, self.new_password):
            widget.setEnabled(row is not None)

    # -- acts ---------------------------------------------------------------------------------------------
    def _run(self, form: ErrorForm, op: Callable[[ServiceContext], object], ok: str, keep: str | None,
             then: Callable[[], None] | None = None) -> None:
        def success() -> None:
            if then is not None:
                then()
            self.reload(keep)

        form.run(self, op, ok, success, self.acted.emit)

    def add(self) -> None:
        username, name = self.username.text().strip().lower(), self.full_name.text()
        role, password = str(self.role.currentData()), self.password.text()
        self.password.clear()
        self._run(self.add_form, lambda ctx: add_account(ctx, username, name, role, password),
                  self.tr("✓ Đã thêm tài khoản {user}.").format(user=username), username, self._clear_new)

    def _clear_new(self) -> None:
        """Only after the account is written: a refusal keeps what was typed (but never the password)."""
        self.username.clear()
        self.full_name.clear()

    def reset_selected(self) -> None:
        username, password = self.selected_username(), self.new_password.text()
        if username is None:
            return
        self.new_password.clear()
        self._run(self.selected_form, lambda ctx: reset_password(ctx, username, password),
                  self.tr("✓ Đã đặt lại mật khẩu của {user}.").format(user=username), username)

    def toggle_selected(self) -> None:
        username = self.selected_username()
        row = next((r for r in self.rows if r["username"] == username), None)
        if username is None or row is None:
            return
        active = not row["active"]
        ok = self.tr("✓ Đã mở khóa {user}.") if active else self.tr("✓ Đã khóa {user}: không đăng nhập được nữa.")
        self._run(self.selected_form, lambda ctx: set_active(ctx, username, active), ok.format(user=username),
                  username)
