"""The clerk's queue panel: one key to issue, call, recall, no-show, finish and transfer; clear messages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMainWindow

from app.services import queue_calls as calls
from app.services.queue import issue_ticket
from app.services.queue_config import set_counter
from app.store import tickets
from app.ui.queue import panel as panel_module
from app.ui.queue.panel import QueuePanel
from app.ui.queue.waiting_model import WaitingModel

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


@pytest.fixture
def window(session, qtbot):
    """A window with the panel beside a text field, as the intake form would be."""
    win = QMainWindow()
    qtbot.addWidget(win)
    win.setCentralWidget(QLineEdit(win, objectName="intakeField"))
    panel = QueuePanel(session, 1, parent=win)
    from PySide6.QtWidgets import QDockWidget

    dock = QDockWidget("Hàng đợi", win)
    dock.setWidget(panel)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    win.setFixedSize(1200, 760)  # as maximised: the window's size never follows its content
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.centralWidget().setFocus()
    return win


@pytest.fixture
def panel(window):
    return window.findChild(QueuePanel)


def key(window, qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    """Press a key where the clerk is typing (the intake field): the panel's keys work window-wide."""
    QTest.keyClick(window.centralWidget(), k, modifier)


def wait_idle(panel, qtbot):
    qtbot.waitUntil(lambda: not panel.session.tasks.busy, timeout=10_000)


def test_f4_issues_and_prints_for_the_chosen_service(window, panel, ctx, qtbot):
    panel.services.setCurrentIndex(panel.services.findData("C"))
    with qtbot.waitSignal(panel.issuer.printed, timeout=10_000):
        key(window, qtbot, Qt.Key.Key_F4)
    assert panel.message.text().startswith("Đã cấp số C001 (Đất đai)")
    with qtbot.waitSignal(panel.issuer.issued, timeout=10_000):
        key(window, qtbot, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    wait_idle(panel, qtbot)
    assert [(r["number"], r["priority"], r["source"]) for r in tickets.waiting(ctx.store, "2026-11-16")] == [
        ("C002", 1, "counter"),
        ("C001", 0, "counter"),
    ]
    assert panel.model.rowCount() == 2 and panel.model.ticket(0).number == "C002"


def test_f6_calls_next_and_the_panel_shows_who_is_at_the_counter(window, panel, ctx, qtbot):
    issue_ticket(ctx, "A")
    issue_ticket(ctx, "B", "elderly")
    panel.refresh()
    assert panel.waiting_label.text() == "Đang chờ: 2 người"
    assert not panel.actions_by_key["recall"].isEnabled()
    with qtbot.waitSignal(panel.ticket_called, timeout=10_000) as called:
        key(window, qtbot, Qt.Key.Key_F6)
    assert called.args[0].number == "B001"
    assert panel.current.text() == "B001" and "Người cao tuổi" in panel.detail.text()
    assert panel.message.text() == "Đã mời số B001 đến quầy 1"
    assert panel.current_ticket().number == "B001" and panel.actions_by_key["recall"].isEnabled()
    assert panel.model.rowCount() == 1


def test_recall_no_show_and_clear_messages(window, panel, ctx, qtbot):
    key(window, qtbot, Qt.Key.Key_F6)
    wait_idle(panel, qtbot)
    assert "không còn ai chờ dịch vụ A, B, C, D, E, F của quầy 1" in panel.message.text()
    issue_ticket(ctx, "A")
    key(window, qtbot, Qt.Key.Key_F6)
    wait_idle(panel, qtbot)
    key(window, qtbot, Qt.Key.Key_F8)
    wait_idle(panel, qtbot)
    assert "gọi lại thêm 2 lần" in panel.message.text()
    for _ in range(2):
        key(window, qtbot, Qt.Key.Key_F7)
        wait_idle(panel, qtbot)
    assert panel.message.text() == "Đã gọi lại số A001" and "đã gọi lại 2 lần" in panel.detail.text()
    key(window, qtbot, Qt.Key.Key_F8)
    wait_idle(panel, qtbot)
    assert panel.message.text() == "Số A001: vắng mặt" and panel.current.text() == "—"


def test_finish_transfer_and_out_of_order(window, panel, ctx, supervisor, qtbot, monkeypatch):
    set_counter(supervisor, 1, ["A", "B"])
    for letter in "AAB":
        issue_ticket(ctx, letter)
    panel.refresh()
    # serve out of order: the clerk picks B001 in the list
    panel.table.setFocus()
    panel.table.selectRow(2)
    QTest.keyClick(panel.table, Qt.Key.Key_Return)
    wait_idle(panel, qtbot)
    assert panel.current.text() == "B001"
    # transfer B001 to service A: it keeps its place by arrival time (after A001, A002)
    monkeypatch.setattr(panel_module.TransferDialog, "ask", classmethod(lambda cls, parent, services: "A"))
    key(window, qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    wait_idle(panel, qtbot)
    assert panel.message.text() == "Số B001 chuyển sang dịch vụ A"
    assert [panel.model.ticket(i).number for i in range(3)] == ["A001", "A002", "B001"]
    # a scanned ticket QR (or a typed number) in the input calls that ticket
    panel.number_input.setText("a002")
    QTest.keyClick(panel.number_input, Qt.Key.Key_Return)
    wait_idle(panel, qtbot)
    assert panel.current.text() == "A002"
    key(window, qtbot, Qt.Key.Key_F12)
    wait_idle(panel, qtbot)
    assert panel.message.text() == "Số A002: đã xong" and panel.current.text() == "—"


def test_calls_from_elsewhere_show_up_by_polling(window, panel, ctx, qtbot):
    issue_ticket(ctx, "A")  # the kiosk, another process
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=3000)
    calls.call_next(ctx, 1)  # the same counter from the command line
    qtbot.waitUntil(lambda: panel.current.text() == "A001", timeout=3000)


def test_waiting_model_passes_the_model_tester(panel, ctx, qtmodeltester):
    for letter in "ABA":
        issue_ticket(ctx, letter)
    issue_ticket(ctx, "C", "merit")
    panel.refresh()
    assert panel.model.data(panel.model.index(0, 2)) == "Người có công với cách mạng"
    qtmodeltester.check(panel.model, force_py=True)
    qtmodeltester.check(WaitingModel(), force_py=True)


def test_panel_keys_do_not_clash_with_the_main_window():
    """Two window-wide actions on one key make Qt fire neither ("ambiguous shortcut")."""
    from app.ui.actions import SPECS

    taken = {key for spec in SPECS.values() for key in spec.shortcuts} | {"Ctrl+Return", "Ctrl+Enter"}  # intake
    ours = {shortcut for _text, shortcut in panel_module.ACTIONS.values() if shortcut}
    assert not ours & taken
