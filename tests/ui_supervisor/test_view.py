"""The supervisor view: figures equal to SQL counts, filters, charts, lists, exports, and a clerk refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate

from app.domain.errors import ValidationError
from app.services.context import Actor

SUPERVISOR = Actor("giamsat", "Lê Thị Giám Sát", "supervisor")
SHOTS = Path("/tmp/motcua-supervisor-shots")


def _view(qtbot: Any, session: Any) -> Any:
    from app.ui.supervisor.view import SupervisorView

    session.set_actor(SUPERVISOR)
    with qtbot.waitSignal(session.tasks.busy_changed, timeout=10000, check_params_cb=lambda busy: not busy):
        view = SupervisorView(session)
        qtbot.addWidget(view)
    return view


def test_today_figures_match_sql(qtbot: Any, session: Any) -> None:
    view = _view(qtbot, session)
    store = session.store
    received = store.execute("SELECT COUNT(*) FROM dossiers WHERE received_day = '2026-11-30'").fetchone()[0]
    finished = store.execute("SELECT COUNT(*) FROM dossiers WHERE finished_at LIKE '2026-11-30%'").fetchone()[0]
    assert view.tiles["received"].text() == str(received) and received > 0
    assert view.tiles["finished"].text() == str(finished)
    served = store.execute("SELECT COUNT(*) FROM queue_events WHERE day = '2026-11-30' AND kind = 'called'")
    assert served.fetchone()[0] > 0 and view.tiles["wait"].text().endswith("phút")
    assert view.overdue_model.rowCount() == len(view.stats["overdue"]) > 0
    assert sum(b[1] for b in view.class_chart.bars) == sum(view.stats["classes"].values())


def test_range_and_filters(qtbot: Any, session: Any, qtmodeltester: Any) -> None:
    view = _view(qtbot, session)
    view.first.setDate(QDate(2026, 11, 1))
    view.channel.setCurrentIndex(view.channel.findData("post"))
    with qtbot.waitSignal(view.loaded, timeout=10000) as blocker:
        view.refresh()
    posts = session.store.execute(
        "SELECT COUNT(*) FROM dossiers WHERE received_day BETWEEN '2026-11-01' AND '2026-11-30' AND channel = 'post'"
    ).fetchone()[0]
    assert blocker.args[0]["received"] == posts > 0
    assert view.tiles["received"].text() == str(posts)
    qtmodeltester.check(view.overdue_model)
    view.resize(1400, 900)
    view.show()
    SHOTS.mkdir(exist_ok=True)
    view.first.setDate(QDate(2026, 11, 1))
    view.channel.setCurrentIndex(0)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.refresh()
    view.grab().save(str(SHOTS / "month.png"))


def test_exports_and_apology(qtbot: Any, session: Any) -> None:
    view = _view(qtbot, session)
    with qtbot.waitSignal(view.exported, timeout=10000) as blocker:
        view.export("log:xlsx")
    assert Path(blocker.args[0]).name == "so-theo-doi-2026-11-30.xlsx" and Path(blocker.args[0]).is_file()
    dialog = view.write_apology()
    with qtbot.waitSignal(view.exported, timeout=10000) as blocker:
        dialog.write.click()
    assert Path(blocker.args[0]).read_bytes().startswith(b"%PDF")
    actions = [r["action"] for r in session.store.query(
        "SELECT action FROM audit_log WHERE action IN ('records.export', 'dossier.print') ORDER BY seq")]
    assert actions == ["records.export", "dossier.print"], "who exported and printed is on record"
    with qtbot.waitSignal(view.exported, timeout=10000):
        view.export("stats:csv")  # its lists name citizens too
    last = session.store.query_one("SELECT action, detail FROM audit_log WHERE action = 'records.export' "
                                   "ORDER BY seq DESC LIMIT 1")
    assert '"document": "stats.csv"' in last["detail"] or '"document":"stats.csv"' in last["detail"], last


def test_clerk_is_refused(qtbot: Any, session: Any) -> None:
    from app.ui.supervisor import open_supervisor_view

    session.set_actor(Actor("lan", "Nguyễn Thị Lan", "clerk"))
    with pytest.raises(ValidationError) as err:
        open_supervisor_view(session)
    assert err.value.field == "role"
    session.set_actor(None)
    with pytest.raises(ValidationError):
        open_supervisor_view(session)


def test_open_for_an_admin(qtbot: Any, session: Any) -> None:
    from app.ui.supervisor import open_supervisor_view

    session.set_actor(Actor("admin", "Quản trị", "admin"))
    view = open_supervisor_view(session)
    qtbot.addWidget(view)
    qtbot.waitSignal(view.loaded, timeout=10000).wait()
    assert view.isVisible() and date(2026, 11, 30).isoformat() == view.scope().first_day


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_fits_1366_and_follows_the_filters_with_the_export(qtbot: Any, session: Any, qapp: Any,
                                                           scale: float) -> None:
    """Issue 17: 1455 px wide, "Xem" off-screen, November tiles showing today's 8 while the export said 96."""
    import csv
    import io

    from app.reports.service import export_stats
    from app.ui.fonts import apply_scale, register_fonts

    apply_scale(qapp, register_fonts(), scale)
    try:
        view = _view(qtbot, session)
        assert view.minimumSizeHint().width() <= 1366
        view.resize(1366, 740)
        view.show()
        right = view.refresh_button.mapTo(view, view.refresh_button.rect().topRight()).x()
        assert right < view.width()
        today = view.tiles["received"].text()
        with qtbot.waitSignal(view.loaded, timeout=10000) as blocker:
            view.first.setDate(QDate(2026, 11, 1))  # no "Xem": the change alone recomputes
            assert view.tiles["received"].text() == "…"  # never the old figure meanwhile
        month = blocker.args[0]["received"]
        assert view.tiles["received"].text() == str(month) != today
        ctx = session.write_context()
        exported = export_stats(ctx, view.scope(), "csv").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(exported)))
        assert ["summary", "Hồ sơ tiếp nhận", "Giá trị", str(month)] in rows
        assert view.soon_model.columnCount() == view.overdue_model.columnCount() - 1
    finally:
        apply_scale(qapp, register_fonts(), 1.0)


def test_apology_date_and_reason_are_seen_and_edited(qtbot: Any, session: Any) -> None:
    """Form 04 prints the new date and cause the supervisor typed, not the defaults; an emptied cause or a date
    before the old one is refused under its field and nothing is written."""
    from PySide6.QtCore import QDateTime, Qt
    from PySide6.QtTest import QTest

    from app.services.apology import DEFAULT_REASON
    from tests.printing.tools import pdf_text

    view = _view(qtbot, session)
    dialog = view.write_apology()
    assert dialog.reason.text() == DEFAULT_REASON and dialog.unit.text()
    assert dialog.new_due.dateTime() > QDateTime(2026, 11, 30, 16, 0, 0)  # the proposed date, shown before printing
    dialog.reason.clear()
    dialog.write.click()
    assert dialog.form.errors["reasons"].isVisible() and not list(view.output_folder().glob("xin-loi-*"))
    dialog.reason.setFocus()
    QTest.keyClicks(dialog.reason, "cho y kien tham dinh cua So Tu phap")
    dialog.new_due.setDateTime(QDateTime(2020, 1, 2, 8, 0, 0))  # before the dossier's own due date
    dialog.write.click()
    qtbot.waitUntil(lambda: dialog.form.errors["new_due_at"].isVisible(), timeout=10000)
    assert "sớm hơn ngày hẹn cũ" in dialog.form.errors["new_due_at"].text()
    assert not list(view.output_folder().glob("xin-loi-*"))
    dialog.new_due.setDateTime(QDateTime(2026, 12, 9, 10, 30, 0))
    with qtbot.waitSignal(view.exported, timeout=10000) as blocker:
        QTest.mouseClick(dialog.write, Qt.MouseButton.LeftButton)
    text = " ".join(pdf_text(Path(blocker.args[0]).read_bytes()).split())
    assert "cho y kien tham dinh cua So Tu phap" in text and DEFAULT_REASON not in text
    assert "10 giờ 30 phút, ngày 09/12/2026" in text, text
    assert not dialog.isVisible()


def test_personal_data_on_a_removable_drive_is_warned(qtbot: Any, session: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The log book names citizens, and so do the statistics' overdue and due-soon lists (name, phone): saved to
    a USB stick either gets the warning the CLI gives. (No USB stick here: the drive test itself,
    app/services/removable.py, is tested on a copy of /sys.)"""
    from app.services import removable

    view = _view(qtbot, session)
    monkeypatch.setattr(removable, "is_removable", lambda path: True)
    with qtbot.waitSignal(view.exported, timeout=10000):
        view.export("log:csv")
    assert "ổ di động (USB, thẻ nhớ)" in view.message.text() and "dữ liệu cá nhân" in view.message.text()
    with qtbot.waitSignal(view.exported, timeout=10000):
        view.export("stats:csv")
    assert "ổ di động (USB, thẻ nhớ)" in view.message.text() and "dữ liệu cá nhân" in view.message.text()
