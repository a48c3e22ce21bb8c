"""The kiosk: one touch gives a number on screen and a printed ticket; priority groups; no double tickets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.changes import Changes
from app.services.queue_config import save_service
from app.store import tickets
from app.ui.queue.kiosk import KioskWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


@pytest.fixture
def kiosk(session, qtbot):
    window = KioskWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def day_rows(ctx):
    return tickets.tickets_between(ctx.store, "2026-11-16", "2026-11-16")


def test_one_touch_issues_shows_and_prints(kiosk, ctx, qtbot):
    assert list(kiosk.buttons) == list("ABCDEF")
    with qtbot.waitSignal(kiosk.issuer.printed, timeout=10_000) as printed:
        qtbot.mouseClick(kiosk.service_button("A"), Qt.MouseButton.LeftButton)
    assert kiosk.overlay.isVisible()
    assert kiosk.result_number.text() == "A001"
    assert kiosk.result_service.text() == "A – Hộ tịch"
    assert kiosk.result_ahead.text() == "Bạn là người tiếp theo của dịch vụ này"
    assert kiosk.result_print.text() == "Mời nhận phiếu bên dưới"
    path = printed.args[0].path  # no ticket printer set up: the ticket is saved as PDF
    assert path.name == "ticket-A001.pdf" and path.read_bytes().startswith(b"%PDF")
    row = day_rows(ctx)[0]
    assert (row["number"], row["source"], row["priority"]) == ("A001", "kiosk", 0)
    qtbot.mouseClick(kiosk.overlay, Qt.MouseButton.LeftButton)
    assert not kiosk.overlay.isVisible()


def test_priority_with_a_group(kiosk, ctx, qtbot):
    assert kiosk.groups.isHidden()
    qtbot.mouseClick(kiosk.priority, Qt.MouseButton.LeftButton)
    assert kiosk.groups.isVisible()
    kiosk.findChild(type(kiosk.priority), "group_pregnant").click()
    with qtbot.waitSignal(kiosk.issuer.issued, timeout=10_000):
        kiosk.choose("B")
    assert "ƯU TIÊN" in kiosk.result_service.text()
    assert day_rows(ctx)[0]["priority_group"] == "pregnant"
    assert not kiosk.priority.isChecked() and kiosk.groups.isHidden()  # the next citizen starts afresh
    qtbot.waitUntil(lambda: not kiosk.session.tasks.busy, timeout=10_000)


def test_priority_without_a_group_is_other(kiosk, ctx, qtbot):
    kiosk.priority.setChecked(True)
    with qtbot.waitSignal(kiosk.issuer.issued, timeout=10_000):
        kiosk.choose("C")
    assert day_rows(ctx)[0]["priority_group"] == "other"
    qtbot.waitUntil(lambda: not kiosk.session.tasks.busy, timeout=10_000)


def test_a_second_touch_while_issuing_is_ignored(kiosk, ctx, qtbot):
    with qtbot.waitSignal(kiosk.issuer.issued, timeout=10_000):
        kiosk.choose("A")
        kiosk.choose("A")
        kiosk.choose("B")
    qtbot.waitUntil(lambda: not kiosk.session.tasks.busy, timeout=10_000)
    assert [r["number"] for r in day_rows(ctx)] == ["A001"]


def test_supervisor_changes_show_up(kiosk, supervisor, qtbot):
    save_service(supervisor, "A", "Hộ tịch - Tư pháp")
    save_service(supervisor, "F", "Trả kết quả", active=False)
    kiosk.session.announce(Changes(queue=True))
    assert list(kiosk.buttons) == list("ABCDE")
    assert kiosk.service_button("A").accessibleName() == "A Hộ tịch - Tư pháp"


def test_printer_failure_keeps_the_number_on_screen(kiosk, ctx, qtbot, monkeypatch):
    from app.printing.errors import PrinterError
    from app.printing.service import PrintService

    def jammed(self, data):
        raise PrinterError("Máy in số", "hết giấy", "out of paper")

    monkeypatch.setattr(PrintService, "print_ticket", jammed)
    with qtbot.waitSignal(kiosk.issuer.print_failed, timeout=10_000):
        kiosk.choose("D")
    assert kiosk.result_number.text() == "D001"
    assert "hết giấy" in kiosk.result_print.text() and "ghi nhớ số D001" in kiosk.result_print.text()


def test_the_next_citizen_finds_the_same_buttons(kiosk, ctx, qtbot):
    first = kiosk.service_button("A")
    for expected in ("A001", "A002"):
        with qtbot.waitSignal(kiosk.issuer.issued, timeout=10_000):
            qtbot.mouseClick(kiosk.service_button("A"), Qt.MouseButton.LeftButton)
        assert kiosk.result_number.text() == expected
    assert kiosk.service_button("A") is first  # not rebuilt for every ticket
    qtbot.waitUntil(lambda: not kiosk.session.tasks.busy, timeout=10_000)
