"""Issue 17's "slows every dossier" points: search past "today", all errors at once, readable document rows
ticked as a counter dossier has them, correcting applicant data after receipt, the same-day duplicate warning."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.clock import FixedClock
from app.services.context import Actor, ServiceContext
from app.services.receive import ReceiveInput, receive_dossier
from app.store import dossiers
from app.ui.dossiers.filters import QuickFilter
from tests.conftest import FIXED_NOW
from tests.ui.conftest import press, type_text, wait_idle


def _receive(session: Any, name: str, days_ago: int = 0, procedure: str = "1.001193",
             id_number: str = "001085012345") -> str:
    ctx = ServiceContext(session.worker_store(), session.data_dir, FixedClock(FIXED_NOW - timedelta(days=days_ago)),
                         Actor("admin", "Quản trị viên", "admin"))
    return receive_dossier(ctx, ReceiveInput(procedure, name, id_number)).code


def test_search_looks_past_the_today_filter(window: Any, session: Any) -> None:
    _receive(session, "Hoàng Văn Quay Lại", days_ago=3)
    page = window.list_page
    page.set_quick_filter(QuickFilter.TODAY)
    assert page.model.rowCount() == 0
    page.search.setFocus()
    type_text(page.search, "hoang van quay")
    press(page.search, Qt.Key.Key_Return)
    assert page.model.rowCount() == 1
    page.search.clear()
    page.refresh()
    assert page.model.rowCount() == 0  # the list itself still starts at today


def test_every_error_shows_at_once(window: Any, session: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.applicant.id_number.setText("12345")
    page.applicant.phone.setText("12")
    page.receive()
    shown = [f for f in ("applicant_name", "id_number", "phone") if page.applicant.errors[f].isVisible()]
    assert shown == ["applicant_name", "id_number", "phone"]
    assert page.procedure_error.isVisible()
    assert "4 chỗ" in page.banner.label.text()
    assert QApplication.focusWidget() is page.picker.search  # the first to fix
    assert dossiers.count(session.store) == 0


def test_document_rows_ticked_and_all_visible(window: Any) -> None:
    page = window.intake_page
    window.resize(1366, 740)
    window.show_intake()
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    QApplication.processEvents()
    rows = page.documents.model.rows()
    ticked = [r.name for r in rows if r.checked]
    assert any(n.startswith("Tờ khai") for n in ticked)  # the application form
    assert any(n.startswith("Hộ chiếu/Thẻ căn cước") for n in ticked)  # the ID card shown
    assert not any(r.name.startswith("Trường hợp trẻ em bị bỏ rơi") for r in rows if r.checked)
    assert rows[0].checked and not rows[-1].checked and rows[0].name.startswith("Tờ khai") and not rows[0].note
    table = page.documents.table
    last = len(rows) - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    table.setFocus()
    table.setCurrentIndex(page.documents.model.index(1, 0))
    assert page.documents.full_text.isVisible()
    assert page.documents.full_text.text().startswith(rows[1].name)  # the whole legal text, nothing cut


def test_same_id_and_procedure_twice_a_day_warns(window: Any, session: Any) -> None:
    code = _receive(session, "Lê Văn Tám")
    page = window.intake_page
    window.show_intake()
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    page.applicant.id_number.setText("001085012345")
    page.applicant.id_number.editingFinished.emit()
    assert page.banner.kind == "warn" and code in page.banner.label.text()
    page.applicant.id_number.setText("001085099999")
    page.applicant.id_number.editingFinished.emit()
    assert page.banner.kind != "warn"


def test_correct_the_applicant_after_receipt(window: Any, qtbot: Any, session: Any) -> None:
    code = _receive(session, "Nguyen Van Anh")
    dialog = window.commands.open_dossier(code)
    fix = dialog.open_correction()
    fix.edits["applicant_name"].setText("")
    fix.edits["applicant_name"].setFocus()
    type_text(fix.edits["applicant_name"], "Nguyễn Văn Ánh")
    with qtbot.waitSignal(session.tasks.busy_changed, check_params_cb=lambda busy: not busy):
        fix.submit()  # no reason: refused under the field, nothing written
    assert fix.form.errors["reason"].isVisible() and fix.isVisible()
    assert dossiers.by_code(session.store, code)["applicant_name"] == "Nguyen Van Anh"
    fix.reason.setFocus()
    type_text(fix.reason, "go nham dau")
    with qtbot.waitSignal(fix.accepted, timeout=5000):
        press(fix.reason, Qt.Key.Key_Return)
    wait_idle(qtbot, session)
    assert dossiers.by_code(session.store, code)["applicant_name"] == "Nguyễn Văn Ánh"
    assert "Nguyễn Văn Ánh" in dialog.title.text()
    history = [dialog.timeline.topLevelItem(i).text(1) for i in range(dialog.timeline.topLevelItemCount())]
    assert any("Nguyen Van Anh → Nguyễn Văn Ánh" in h for h in history)
    audit = session.store.query_one("SELECT actor, detail FROM audit_log WHERE action = 'dossier.correct_applicant'")
    assert audit["actor"] == "admin" and "go nham dau" in audit["detail"]
    window.list_page.search.setText("nguyen van anh")
    window.list_page.refresh()
    assert window.list_page.model.rowCount() == 1
    dialog.close()


def test_backup_now_makes_a_backup_each_time_and_says_where(window: Any, qtbot: Any, session: Any) -> None:
    from app.services.backup_schedule import auto_dir
    from app.ui.actions import ActionKey

    notes = []
    for _ in range(2):  # the second press the same day makes a new one too (it used to do nothing, silently)
        window.command_actions[ActionKey.BACKUP].trigger()
        wait_idle(qtbot, session)
        notes.append(window.status.note.toolTip())  # the whole note (the bar may shorten it in the middle)
        session.clock.advance(minutes=1)
    assert all(n.startswith("✓ Đã sao lưu vào " + str(auto_dir(session.data_dir))) for n in notes)
    assert notes[0] != notes[1]


def test_refused_and_stopped_are_not_done_on_time(window: Any) -> None:
    from app.ui.dossiers.badges import badge_of, badge_text

    for status in (3, 7, 8):
        row = {"status": status, "due_at": FIXED_NOW.isoformat(), "finished_at": FIXED_NOW.isoformat()}
        assert badge_text(badge_of(row, FIXED_NOW)) == "✕ Không giải quyết"


def test_large_text_enlarges_everything_and_switches_back(window: Any, qapp: Any, font_family: str) -> None:
    from app.ui.fonts import BASE_POINT_SIZE, apply_scale

    page = window.intake_page
    window.show_intake()
    page.receive()  # an error under the procedure field
    parts = (page.receive_button, page.costs.due, page.costs.fee, page.procedure_error)
    before = [w.font().pointSizeF() for w in parts]
    try:
        apply_scale(qapp, font_family, 1.5)
        assert [w.font().pointSizeF() for w in parts] == [size * 1.5 for size in before]
        assert page.procedure_error.font().pointSizeF() == BASE_POINT_SIZE * 1.5
    finally:
        apply_scale(qapp, font_family, 1.0)
    assert [w.font().pointSizeF() for w in parts] == before  # nothing stays large
