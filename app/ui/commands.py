"""What the main window's commands do: opening a dossier, the customer window, text size, backup, settings.

Kept apart from :mod:`app.ui.main_window` so the window stays a layout and this stays a list of handlers, each
small enough to read at once; actions are connected here by key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.services.context import Actor
from app.ui.actions import ActionKey
from app.ui.command_target import CommandTarget, as_widget
from app.ui.dialogs import Confirm
from app.ui.errors import user_message
from app.ui.fonts import LARGE_TEXT_SCALE, apply_scale
from app.ui.ops import StoreOp

if TYPE_CHECKING:  # what a command opens is imported when it is first used, not while the window starts
    from app.services.backup_schedule import AutoBackupReport
    from app.ui.dossiers.detail import DossierDialog
    from app.ui.satisfaction import SatisfactionWindow


class WindowCommands(QObject):
    def __init__(self, window: CommandTarget) -> None:
        super().__init__(as_widget(window))
        self.window = window
        self.parent_widget = as_widget(window)
        self.session = window.session
        self.customer: SatisfactionWindow | None = None
        self._dialogs: list[DossierDialog] = []
        self._supervisor: QWidget | None = None
        self._rejected: object | None = None
        self.screens: dict[str, QDialog] = {}
        self.display: QWidget | None = None
        a = window.command_actions
        a[ActionKey.NEW_DOSSIER].triggered.connect(window.show_intake)
        a[ActionKey.DOSSIER_LIST].triggered.connect(window.show_list)
        a[ActionKey.FIND].triggered.connect(window.show_list)
        a[ActionKey.REFRESH].triggered.connect(self.refresh)
        a[ActionKey.LOCK].triggered.connect(window.lock)
        a[ActionKey.LARGE_TEXT].toggled.connect(self.set_large_text)
        a[ActionKey.CUSTOMER_WINDOW].triggered.connect(self.show_customer_window)
        a[ActionKey.QUEUE].toggled.connect(window.queue_dock.setVisible)
        # not connected straight to backup_now: triggered(bool) would pass False as ``force`` (issue 17: the
        # menu command made no backup when one existed and said nothing)
        a[ActionKey.BACKUP].triggered.connect(lambda: self.backup_now(True))
        a[ActionKey.SETTINGS].triggered.connect(self.open_settings)
        a[ActionKey.SUPERVISOR].triggered.connect(self.open_supervisor)
        a[ActionKey.QUEUE_SETUP].triggered.connect(self.open_queue_setup)
        a[ActionKey.SYNC_REJECTED].triggered.connect(self.open_rejected)
        a[ActionKey.CONNECT].triggered.connect(self.open_connect)
        a[ActionKey.SYNC_NOW].triggered.connect(self.sync_now)
        a[ActionKey.ACCOUNTS].triggered.connect(self.open_accounts)
        a[ActionKey.CALENDAR].triggered.connect(self.open_calendar)
        a[ActionKey.WAITING_DISPLAY].triggered.connect(self.open_waiting_display)
        a[ActionKey.QUIT].triggered.connect(window.close)
        if self.session.is_open:  # else the window calls it once the store is open
            self.show_scale()

    def show_scale(self) -> None:
        """Tick "large text" when the office's text size is large."""
        scale = float(self.session.setting("font_scale"))
        self.window.command_actions[ActionKey.LARGE_TEXT].setChecked(scale >= LARGE_TEXT_SCALE)

    def apply_role(self, actor: Actor) -> None:
        """Settings are for supervisors and admins; clerks see the command greyed out."""
        for key in (ActionKey.SETTINGS, ActionKey.SUPERVISOR, ActionKey.QUEUE_SETUP, ActionKey.SYNC_REJECTED,
                    ActionKey.CONNECT, ActionKey.ACCOUNTS, ActionKey.CALENDAR):
            self.window.command_actions[key].setEnabled(actor.can_supervise())
        self.window.command_actions[ActionKey.BACKUP].setEnabled(True)

    def refresh(self) -> None:
        self.window.list_page.refresh()
        self.window.status.refresh()

    # -- dossiers -------------------------------------------------------------------------------------------
    def open_dossier(self, code: str) -> DossierDialog:
        from app.ui.dossiers.detail import DossierDialog

        dialog = DossierDialog(self.session, code, self.parent_widget)
        dialog.returned.connect(self.ask_rating)
        dialog.finished.connect(lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        self._dialogs.append(dialog)
        dialog.open()
        dialog.activateWindow()  # keys go to the dossier at once: a keyboard-only clerk cannot click it first
        return dialog

    def ask_rating(self, code: str) -> None:
        """A result was handed back: turn the customer window to the rating question for this dossier."""
        working = QApplication.activeWindow()
        self.show_customer_window().ask_for(code)
        if working is not None:  # the clerk's keys stay with the clerk's window, whatever the platform does
            working.activateWindow()

    def show_customer_window(self) -> SatisfactionWindow:
        if self.customer is None:
            from app.ui.satisfaction import SatisfactionWindow

            self.customer = SatisfactionWindow(self.session, self.parent_widget)  # its own window, owned by ours
        self.customer.show()
        self.customer.raise_()
        return self.customer

    # -- appearance -----------------------------------------------------------------------------------------
    def set_large_text(self, on: bool) -> None:
        scale = LARGE_TEXT_SCALE if on else 1.0
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_scale(app, self.window.font_family, scale)
        if self.session.actor is not None and self.session.actor.can_supervise() \
                and float(self.session.setting("font_scale")) != scale:
            from app.services.settings_update import save_settings

            StoreOp(self.parent_widget, self.session, lambda ctx: save_settings(ctx, {"font_scale": scale})).run()

    # -- backup and settings --------------------------------------------------------------------------------
    def backup_now(self, force: bool = True) -> None:
        """Today's checked backup, rotated, copied to the second folder if set (``force``: even if taken)."""
        from app.services.backup_schedule import run_auto_backup

        status = self.window.status
        if force:
            status.say(self.tr("Đang sao lưu…"))
        StoreOp(self.parent_widget, self.session, lambda ctx: run_auto_backup(ctx, force=force)) \
            .success(self._backed_up).run()

    def _backed_up(self, report: AutoBackupReport) -> None:
        status = self.window.status
        status.refresh_backup()
        notes = [w.message(self.session.lang) for w in report.warnings]
        if report.made is not None:
            notes.insert(0, self.tr("✓ Đã sao lưu vào {path}").format(path=report.made))
        if notes:
            status.say(" — ".join(notes), 15_000)

    def open_supervisor(self) -> None:
        """The supervisor's view in its own window; a clerk gets the refusal message, never the view."""
        from app.ui.errors import show_error
        from app.ui.supervisor import open_supervisor_view

        try:
            self._supervisor = open_supervisor_view(self.session, self.parent_widget)
        except Exception as exc:
            show_error(self.parent_widget, self.session, exc)
            return
        self.lockable(self._supervisor)

    def lockable(self, widget: QWidget) -> None:
        """Ctrl+L (and the other window-wide keys that need no focus on the main window) work in ``widget``."""
        widget.addAction(self.window.command_actions[ActionKey.LOCK])

    def _open(self, dialog: QDialog) -> QDialog:
        """A screen of its own, non-blocking, that the lock closes and Ctrl+L reaches."""
        self.lockable(dialog)
        self.screens[dialog.objectName()] = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name = dialog.objectName()
        dialog.destroyed.connect(lambda *_a: self.screens.pop(name, None))
        dialog.open()
        return dialog

    def open_connect(self) -> QDialog:
        from app.ui.admin.sync_dialog import SyncDialog

        return self._open(SyncDialog(self.session, self.parent_widget))

    def open_accounts(self) -> QDialog:
        from app.ui.admin.accounts_dialog import AccountsDialog

        return self._open(AccountsDialog(self.session, self.parent_widget))

    def open_calendar(self) -> QDialog:
        from app.ui.admin.calendar_dialog import CalendarDialog

        return self._open(CalendarDialog(self.session, self.parent_widget))

    def sync_now(self) -> None:
        """One sync round now, with its outcome in the status bar (the connect screen shows the details)."""
        from app.services.device_link import sync_once

        status = self.window.status
        if not self.session.setting("server_url"):
            status.say(self.tr("Thiết bị chưa kết nối máy chủ: Giám sát → Kết nối máy chủ và đồng bộ."), 15_000)
            return
        status.say(self.tr("Đang đồng bộ…"))
        StoreOp(self.parent_widget, self.session, sync_once).success(
            lambda r: status.say(self.tr("✓ Đã gửi {pushed}, nhận {pulled}; còn chờ {pending}.").format(
                pushed=r.pushed, pulled=r.pulled, pending=r.pending), 15_000)).failure(
            lambda exc: status.say(self.tr("Chưa đồng bộ được: {reason}").format(
                reason=user_message(exc, self.session.lang)), 15_000)).run_on_network()  # never the intake's worker

    def open_waiting_display(self) -> QWidget:
        """The waiting-room display on this PC (a second screen, or to check it), as ``motcua --display``."""
        from app.ui.queue.display import DisplayWindow
        from app.ui.queue.entry import hub_feed, make_announcer

        if self.display is None:
            self.display = DisplayWindow(self.session, make_announcer(), feed=hub_feed(self.session))
            self.display.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.display.destroyed.connect(lambda *_a: setattr(self, "display", None))
        self.display.show()
        self.display.raise_()
        return self.display

    def open_rejected(self) -> None:
        from app.ui.supervisor.rejected import RejectedEventsDialog

        self._rejected = RejectedEventsDialog(self.session, self.parent_widget)
        self._rejected.open()

    def open_queue_setup(self) -> None:
        from app.ui.queue.setup_dialog import edit_queue_setup

        edit_queue_setup(self.parent_widget, self.session)

    def open_settings(self) -> None:
        from app.services.settings_update import save_settings
        from app.ui.settings_dialog import SettingsDialog

        values = SettingsDialog.ask(self.parent_widget, self.session)
        if values:
            StoreOp(self.parent_widget, self.session, lambda ctx: save_settings(ctx, values)) \
                .success(lambda _c: self._settings_saved(values)).run()

    def _settings_saved(self, values: dict[str, object]) -> None:
        if "font_scale" in values:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_scale(app, self.window.font_family, float(values["font_scale"]))  # type: ignore[arg-type]
        if "language" in values and values["language"] != self.session.lang:
            from app.ui.relanguage import switch_language

            lang = str(values["language"])  # at once, with what is on screen (after this slot returns)
            QTimer.singleShot(0, lambda: switch_language(self.window, lang))

    # -- leaving --------------------------------------------------------------------------------------------
    def confirm_quit(self) -> bool:
        if not self.window.locked and self.window.intake_page.has_unsaved_input():  # locked: maybe no store yet
            return Confirm.ask(self.parent_widget, self.tr("Thoát MotCua"),
                               self.tr("Phiếu tiếp nhận đang nhập dở chưa được lưu. Vẫn thoát?"))
        return True

    def close_windows(self) -> None:
        if self.customer is not None:
            self.customer.close()
        if self.display is not None:
            self.display.close()
        for dialog in list(self._dialogs):
            dialog.close()
