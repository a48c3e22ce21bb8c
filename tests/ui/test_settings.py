"""Settings, the first-run setup, the large-text mode and the status bar."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtWidgets import QApplication

from app.services.context import Actor
from app.services.settings_update import save_settings
from app.services.setup import is_initialised, open_store
from app.ui.actions import ActionKey
from app.ui.first_run import FirstRunDialog
from app.ui.ops import StoreOp
from app.ui.session import AppSession
from app.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import wait_idle


def test_settings_dialog_saves_what_changed(window: Any, qtbot: Any, session: Any) -> None:
    dialog = SettingsDialog(session, window)
    qtbot.addWidget(dialog)
    assert dialog.slot.isEnabled()  # the admin may change the device slot
    dialog.office_name.setText("UBND xã Mẫu Sơn — Bộ phận Một cửa")
    dialog.counter.setValue(3)
    dialog.idle.setValue(5)
    values = dialog.changed_values()
    assert values == {"office_name": "UBND xã Mẫu Sơn — Bộ phận Một cửa", "counter": 3, "idle_lock_minutes": 5}
    StoreOp(window, session, lambda ctx: save_settings(ctx, values)).run()
    wait_idle(qtbot, session)
    assert session.setting("counter") == 3
    assert "Quầy 3" in window.status.counter.text()  # the status bar followed the change report
    audit = session.store.query("SELECT actor, detail FROM audit_log WHERE action = 'settings.update'")
    assert audit and audit[0]["actor"] == "admin"


def test_settings_refuse_bad_values(window: Any, qtbot: Any, session: Any) -> None:
    dialog = SettingsDialog(session, window)
    qtbot.addWidget(dialog)
    dialog.server_url.setText("motcua.tinh.gov.vn")
    dialog.accept()
    assert "http" in dialog.error.text()
    dialog.server_url.setText("")
    dialog.office_name.setText("  ")
    dialog.accept()
    assert "Tên đơn vị" in dialog.error.text()


def test_clerk_cannot_save_settings(session: Any, qtbot: Any) -> None:
    session.set_actor(Actor("lan", "Nguyễn Thị Lan", "clerk"))
    failures: list[BaseException] = []
    StoreOp(None, session, lambda ctx: save_settings(ctx, {"counter": 7})).failure(failures.append).run()
    wait_idle(qtbot, session)
    assert failures and session.setting("counter") == 1


def test_large_text_mode(window: Any, qtbot: Any, session: Any) -> None:
    app = QApplication.instance()
    normal = app.font().pointSizeF()
    window.command_actions[ActionKey.LARGE_TEXT].trigger()
    wait_idle(qtbot, session)
    assert app.font().pointSizeF() > normal * 1.2
    assert session.setting("font_scale") > 1.0
    window.command_actions[ActionKey.LARGE_TEXT].trigger()
    wait_idle(qtbot, session)
    assert app.font().pointSizeF() == normal


def test_first_run_sets_up_the_office(tmp_path: Any, qtbot: Any, qapp: Any, monkeypatch: Any) -> None:
    from app.security.keys import DeviceKeys
    from app.security.recovery import parse_recovery_key
    from app.ui.recovery_key_dialog import RecoveryKeyDialog
    from tests.printing.tools import pdf_text

    shown: list[Any] = []

    def show(parent: Any, sheet: Any) -> None:  # the dialog as the user sees it, saved instead of waited on
        dialog = RecoveryKeyDialog(sheet, None)
        qtbot.addWidget(dialog)
        dialog.save_to(str(tmp_path / "sheet.pdf"))
        shown.append(dialog)

    monkeypatch.setattr(RecoveryKeyDialog, "ask", staticmethod(show))
    folder = tmp_path / "new-pc"
    session = AppSession(folder, open_store(folder))
    try:
        dialog = FirstRunDialog(session)
        qtbot.addWidget(dialog)
        dialog.office_code.setText("000.00.12.H62")
        dialog.office_name.setText("Trung tâm Phục vụ hành chính công xã Hòa An")
        dialog.password.setText("mat-khau-moi-1")
        dialog.password2.setText("mat-khau-moi-2")
        dialog.accept()
        assert "không giống nhau" in dialog.error.text()
        dialog.password2.setText("mat-khau-moi-1")
        dialog.office_code.setText("khong-hop-le")
        dialog.accept()
        wait_idle(qtbot, session)
        assert dialog.error.text() and not is_initialised(session.store)
        dialog.office_code.setText("000.00.12.H62")
        dialog.accept()
        wait_idle(qtbot, session)
        assert dialog.result_value is not None and is_initialised(session.store)
        [key_dialog] = shown  # the recovery key was shown once, and it opens this store
        assert parse_recovery_key(key_dialog.sheet.key_text) == DeviceKeys().load(folder)
        assert key_dialog.sheet.key_text.split("-")[0] in pdf_text((tmp_path / "sheet.pdf").read_bytes())
    finally:
        session.close()


def test_status_bar_pending_and_backup(window: Any, qtbot: Any, session: Any) -> None:
    status = window.status
    assert "Ngoại tuyến" in status.sync.text()
    assert "Chưa sao lưu" in status.backup.text()
    window.command_actions[ActionKey.BACKUP].trigger()
    wait_idle(qtbot, session)
    backups = list((session.data_dir / "backups" / "auto").glob("motcua-*.sqlite3"))
    assert backups
    old = session.clock.now().timestamp()  # the test clock is in 2026; make the file's age match it
    os.utime(backups[0], (old, old))
    status.refresh_backup()
    assert status.backup.text().startswith("Sao lưu:")
    stale = old - 2 * 86_400
    os.utime(backups[0], (stale, stale))
    status.refresh_backup()
    assert "Sao lưu đã cũ" in status.backup.text()
