"""Every window command, registered once by key with its text and shortcuts (Picard's ``actions.py`` idea).

Why one table: the toolbar, the menus and the keyboard must agree (F2 always opens the intake form, Ctrl+L
always locks), and tests trigger commands by key instead of hunting for buttons. The main window wires each
action's ``triggered`` signal to its handler; nothing here knows what the commands do.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction

from app.ui.keys import key_sequence, shown
from app.ui.noop import QT_TRANSLATE_NOOP


class ActionKey(StrEnum):
    NEW_DOSSIER = "new_dossier"
    DOSSIER_LIST = "dossier_list"
    FIND = "find"
    REFRESH = "refresh"
    LOCK = "lock"
    LARGE_TEXT = "large_text"
    CUSTOMER_WINDOW = "customer_window"
    QUEUE = "queue"
    BACKUP = "backup"
    SETTINGS = "settings"
    SUPERVISOR = "supervisor"
    QUEUE_SETUP = "queue_setup"
    SYNC_REJECTED = "sync_rejected"
    CONNECT = "connect"
    SYNC_NOW = "sync_now"
    ACCOUNTS = "accounts"
    CALENDAR = "calendar"
    WAITING_DISPLAY = "waiting_display"
    QUIT = "quit"


@dataclass(frozen=True)
class ActionSpec:
    text: str  # Vietnamese source text, translated in context "Actions"
    shortcuts: tuple[str, ...] = ()
    tip: str = ""
    checkable: bool = False
    needs_login: bool = True


SPECS: dict[ActionKey, ActionSpec] = {
    ActionKey.NEW_DOSSIER: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Tiếp nhận hồ sơ"), ("F2",),
                                      QT_TRANSLATE_NOOP("Actions", "Mở phiếu tiếp nhận hồ sơ mới")),
    ActionKey.DOSSIER_LIST: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Danh sách hồ sơ"), ("F3",),
                                       QT_TRANSLATE_NOOP("Actions", "Xem và tìm hồ sơ đã nhận")),
    ActionKey.FIND: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Tìm hồ sơ"), ("Ctrl+F",),
                               QT_TRANSLATE_NOOP("Actions", "Tìm theo mã, tên, số định danh, điện thoại")),
    ActionKey.REFRESH: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Làm mới"), ("F5",)),
    ActionKey.LOCK: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Khóa màn hình"), ("Ctrl+L",),
                               QT_TRANSLATE_NOOP("Actions", "Khóa khi rời quầy")),
    ActionKey.LARGE_TEXT: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Chữ lớn"), ("Ctrl+Shift+L",),
                                     QT_TRANSLATE_NOOP("Actions", "Phóng to chữ cho dễ đọc"), checkable=True),
    ActionKey.CUSTOMER_WINDOW: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Màn hình đánh giá"), ("F9",),
                                          QT_TRANSLATE_NOOP("Actions", "Mở cửa sổ đánh giá hài lòng cho người dân")),
    ActionKey.QUEUE: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Hàng đợi"), ("F10",),
                                QT_TRANSLATE_NOOP("Actions", "Hiện/ẩn bảng gọi số của quầy"), checkable=True),
    ActionKey.BACKUP: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Sao lưu ngay"), (),
                                 QT_TRANSLATE_NOOP("Actions", "Sao lưu dữ liệu vào thư mục backups")),
    ActionKey.SETTINGS: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Cài đặt"), ("Ctrl+,",)),
    ActionKey.SUPERVISOR: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Giám sát"), ("F11",),
                                     QT_TRANSLATE_NOOP("Actions", "Số liệu trong ngày, sổ theo dõi và thống kê")),
    ActionKey.QUEUE_SETUP: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Thiết lập hàng đợi"), (),
                                      QT_TRANSLATE_NOOP("Actions", "Dịch vụ, quầy phục vụ và tùy chọn gọi số")),
    ActionKey.SYNC_REJECTED: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Sự kiện bị từ chối"), (),
                                        QT_TRANSLATE_NOOP("Actions", "Hồ sơ máy chủ trung tâm không nhận, kèm lý do")),
    ActionKey.CONNECT: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Kết nối máy chủ và đồng bộ"), (),
                                  QT_TRANSLATE_NOOP("Actions", "Đăng ký thiết bị với máy chủ trung tâm hoặc máy trạm "
                                                               "của xã; xem hồ sơ chờ gửi, bị từ chối")),
    ActionKey.SYNC_NOW: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Đồng bộ ngay"), ("Ctrl+Shift+S",),
                                   QT_TRANSLATE_NOOP("Actions", "Gửi ngay hồ sơ chờ gửi lên máy chủ")),
    ActionKey.ACCOUNTS: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Tài khoản người dùng"), (),
                                   QT_TRANSLATE_NOOP("Actions", "Thêm cán bộ, đặt lại mật khẩu, khóa tài khoản")),
    ActionKey.CALENDAR: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Lịch ngày nghỉ"), (),
                                   QT_TRANSLATE_NOOP("Actions", "Ngày lễ, nghỉ bù, làm bù dùng để tính hạn trả")),
    ActionKey.WAITING_DISPLAY: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Màn hình phòng chờ"), (),
                                          QT_TRANSLATE_NOOP("Actions", "Mở bảng gọi số cho phòng chờ (như "
                                                                       "motcua --display)")),
    ActionKey.QUIT: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Thoát"), ("Ctrl+Q",), needs_login=False),
}


def create_actions(parent: QObject) -> dict[ActionKey, QAction]:
    """One QAction per key, with translated text and window-wide shortcuts."""
    actions: dict[ActionKey, QAction] = {}
    for key, spec in SPECS.items():
        action = QAction(QCoreApplication.translate("Actions", spec.text), parent)
        action.setObjectName(f"action_{key.value}")
        action.setShortcuts([key_sequence(s) for s in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        tip = QCoreApplication.translate("Actions", spec.tip) if spec.tip else action.text()
        if spec.shortcuts:
            tip += f" ({shown(spec.shortcuts[0])})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        actions[key] = action
    return actions


def set_logged_in(actions: dict[ActionKey, QAction], logged_in: bool) -> None:
    """While the screen is locked only the commands that need no login stay enabled."""
    for key, action in actions.items():
        action.setEnabled(logged_in or not SPECS[key].needs_login)
