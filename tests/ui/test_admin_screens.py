"""Issue 17 blocking point 5: the jobs that only the command line could do, done on screens by keyboard.

Accounts, the holiday calendar, and connecting to a real ``motcua-central`` on 127.0.0.1 with "sync now".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from app.services.accounts import authenticate
from app.services.calendar_source import load_calendar
from app.ui.actions import ActionKey
from tests.ui.conftest import press, type_text, wait_idle


def _type_into(widget: Any, text: str) -> None:
    widget.setFocus()
    type_text(widget, text)


def test_admin_adds_a_clerk_resets_and_deactivates(window: Any, qtbot: Any, session: Any) -> None:
    window.command_actions[ActionKey.ACCOUNTS].trigger()
    dialog = window.commands.screens["accountsDialog"]
    accounts = session.store.scalar("SELECT COUNT(*) FROM users")  # the admin and the device's clerk account
    assert dialog.isVisible() and dialog.table.rowCount() == accounts
    _type_into(dialog.username, "Lan NT")  # a space: refused, under the field, nothing written
    _type_into(dialog.full_name, "Nguyễn Thị Lan")
    _type_into(dialog.password, "mat-khau-lan")
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        press(dialog.password, Qt.Key.Key_Return)
    assert dialog.add_form.errors["username"].isVisible()
    assert "chữ thường" in dialog.add_form.errors["username"].text()
    assert session.store.scalar("SELECT COUNT(*) FROM users") == accounts
    assert dialog.full_name.text() == "Nguyễn Thị Lan"  # kept
    dialog.username.clear()
    _type_into(dialog.username, "lan")
    _type_into(dialog.password, "mat-khau-lan")
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        press(dialog.password, Qt.Key.Key_Return)
    assert dialog.table.rowCount() == accounts + 1 and dialog.selected_username() == "lan"
    assert authenticate(session.store, "lan", "mat-khau-lan").full_name == "Nguyễn Thị Lan"
    _type_into(dialog.new_password, "mat-khau-moi-1")
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        press(dialog.new_password, Qt.Key.Key_Return)
    assert authenticate(session.store, "lan", "mat-khau-moi-1").username == "lan"
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        dialog.toggle_button.click()
    assert dialog.table.item(dialog.table.currentRow(), 3).text() == "Đã khóa"
    with pytest.raises(Exception, match="sai tên đăng nhập"):
        authenticate(session.store, "lan", "mat-khau-moi-1")
    audit = [r["action"] for r in session.store.query("SELECT action FROM audit_log WHERE object_id = 'lan'")]
    assert audit == ["user.create", "user.reset_password", "user.deactivate"]
    dialog.table.selectRow(0)  # the admin: cannot lock themselves out
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        dialog.toggle_button.click()
    assert "không tự khóa" in dialog.selected_form.errors["username"].text()
    dialog.close()


def test_clerks_see_no_administration(window: Any) -> None:
    from app.services.context import Actor

    window.commands.apply_role(Actor("lan", "Nguyễn Thị Lan", "clerk"))
    for key in (ActionKey.ACCOUNTS, ActionKey.CALENDAR, ActionKey.CONNECT):
        assert not window.command_actions[key].isEnabled()


def test_calendar_see_mark_import(window: Any, qtbot: Any, session: Any, tmp_path: Path) -> None:
    from app.services.calendar_source import shipped_calendar_data

    window.command_actions[ActionKey.CALENDAR].trigger()
    dialog = window.commands.screens["calendarDialog"]
    assert dialog.year.value() == 2026 and dialog.table.rowCount() > 5  # Tết, 30/4, 1/5, 2/9…
    assert any(dialog.table.item(r, 0).text() == "01/01/2026" for r in range(dialog.table.rowCount()))
    dialog.day.setDate(QDate(2026, 12, 24))
    _type_into(dialog.name, "Nghỉ theo quyết định của tỉnh")
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        press(dialog.name, Qt.Key.Key_Return)
    cal = load_calendar(session.store)
    assert cal.entry(__import__("datetime").date(2026, 12, 24)).name_vi == "Nghỉ theo quyết định của tỉnh"
    assert any(dialog.table.item(r, 0).text() == "24/12/2026" for r in range(dialog.table.rowCount()))
    bad = tmp_path / "lich.json"
    bad.write_bytes(b"\xff{not json")
    _type_into(dialog.path, str(bad))
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        press(dialog.path, Qt.Key.Key_Return)
    assert dialog.import_form.errors["file"].isVisible()
    assert load_calendar(session.store).entry(__import__("datetime").date(2026, 12, 24)) is not None  # untouched
    good = tmp_path / "holidays.json"
    good.write_text(json.dumps(shipped_calendar_data()), "utf-8")
    dialog.path.setText(str(good))
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        press(dialog.path, Qt.Key.Key_Return)
    assert "✓" in dialog.import_form.general.text()
    assert load_calendar(session.store).entry(__import__("datetime").date(2026, 12, 24)) is None  # replaced
    dialog.close()


def test_connect_shows_a_bad_address_under_its_field(window: Any, qtbot: Any, session: Any) -> None:
    window.command_actions[ActionKey.CONNECT].trigger()
    dialog = window.commands.screens["syncDialog"]
    assert "chưa kết nối" in dialog.state.text()
    assert not dialog.sync_button.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.server)  # the window activates first
    type_text(dialog.server, "motcua.tinh.gov.vn")
    _type_into(dialog.code, "AAAA-BBBB")
    with qtbot.waitSignal(dialog.acted, timeout=5000):
        press(dialog.code, Qt.Key.Key_Return)
        press(dialog.name, Qt.Key.Key_Return)
    assert "http://" in dialog.form.errors["server"].text()
    assert not (session.data_dir / "sync.token").exists()
    dialog.close()


@pytest.mark.slow
def test_enrol_and_sync_now_with_a_real_central(window: Any, qtbot: Any, session: Any, tmp_path: Path,
                                                 capsys: Any) -> None:
    from app.services.receive import ReceiveInput, receive_dossier
    from sync.server.cli import main as central_main
    from tests.conftest import OFFICE_CODE
    from tests.sync.serverproc import CentralProcess

    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    proc = CentralProcess(db_url, tmp_path / "central.log").start()
    try:
        assert central_main(["--database-url", db_url, "office", "add", "--code", OFFICE_CODE,
                             "--name", "UBND xã Mẫu Sơn"]) == 0
        capsys.readouterr()
        assert central_main(["--database-url", db_url, "enrollment-code", "--office", OFFICE_CODE]) == 0
        code = capsys.readouterr().out.strip()
        receive_dossier(session.write_context(), ReceiveInput("1.001193", "Trần Thị Bình", "001085012345"))
        window.command_actions[ActionKey.CONNECT].trigger()
        dialog = window.commands.screens["syncDialog"]
        type_text(dialog.server, proc.url)
        _type_into(dialog.code, code)
        _type_into(dialog.name, "Quay 1")
        with qtbot.waitSignal(dialog.acted, timeout=15000):
            press(dialog.name, Qt.Key.Key_Return)
        assert "✓" in dialog.form.general.text(), dialog.form.general.text()
        assert "Đã kết nối" in dialog.state.text() and "Chờ gửi: <b>1</b>" in dialog.state.text()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.sync_button)
        with qtbot.waitSignal(dialog.acted, timeout=15000):
            press(dialog.sync_button, Qt.Key.Key_Space)
        assert "Chờ gửi: <b>0</b>" in dialog.state.text(), dialog.form.general.text()
        assert central_main(["--database-url", db_url, "dossiers", "--office", OFFICE_CODE, "--json"]) == 0
        [dossier] = json.loads(capsys.readouterr().out)
        assert dossier["applicant_name"] == "Trần Thị Bình"
        dialog.close()
        wait_idle(qtbot, session)
    finally:
        proc.stop()
