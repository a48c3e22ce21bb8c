"""The supervisor's queue set-up screen: shows the store, edits it, refuses an empty name, saves in one go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.context import Actor
from app.store import tickets
from app.ui.queue import setup_dialog
from app.ui.queue.setup_dialog import QueueSetupDialog, edit_queue_setup

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


@pytest.fixture
def dialog(session, qtbot):
    dlg = QueueSetupDialog(session)
    qtbot.addWidget(dlg)
    return dlg


def test_shows_the_current_set_up(dialog):
    assert dialog.letters() == list("ABCDEF")
    assert dialog.services.item(0, 1).text() == "Hộ tịch"
    assert dialog.counters.rowCount() == 1 and dialog.counters.columnCount() == 7
    setup = dialog.setup()
    assert setup.counters == {1: tuple("ABCDEF")}
    assert setup.options == {"recalls_before_no_show": 2, "voice": "clips", "chime": True}


def test_add_a_service_and_a_counter(dialog):
    dialog.add_service("", "Tư pháp")
    dialog.add_counter(set())
    assert dialog.letters()[-1] == "G" and dialog.counters.item(1, 0).text() == "2"
    dialog.counters.item(1, 7).setCheckState(Qt.CheckState.Checked)  # counter 2 calls G
    dialog.services.item(1, 2).setCheckState(Qt.CheckState.Unchecked)  # B is switched off
    dialog.voice.setCurrentIndex(dialog.voice.findData("off"))
    setup = dialog.setup()
    assert setup.services[-1] == ("G", "Tư pháp", True) and setup.services[1][2] is False
    assert setup.counters == {1: tuple("ACDEF"), 2: ("G",)}
    assert setup.options["voice"] == "off"


def test_an_empty_name_is_refused_in_place(dialog):
    dialog.add_service("", "")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and dialog.error.text().startswith("G:")
    assert dialog.result() != QueueSetupDialog.DialogCode.Accepted


def test_saving_goes_through_the_worker(session, ctx, qtbot, monkeypatch):
    session.set_actor(Actor("giamsat", "Lê Văn Giám", "supervisor"))

    def ask(cls, parent, sess):
        dlg = cls(sess, parent)
        dlg.add_service("", "Tư pháp")
        dlg.add_counter({"G"})
        return dlg.setup()

    monkeypatch.setattr(setup_dialog.QueueSetupDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(session.changed, timeout=10_000):
        edit_queue_setup(None, session)
    assert tickets.counter_letters(ctx.store, 2) == ["G"]
    assert tickets.service(ctx.store, "G")["name_vi"] == "Tư pháp"
