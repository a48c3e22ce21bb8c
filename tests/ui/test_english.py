"""The interface in English (``--lang en``): the supervisor view's labels, and the demo password on one line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from app.services.context import Actor
from tests.ui.conftest import wait_idle


@pytest.fixture
def en(qapp: QApplication, session: Any) -> Iterator[None]:
    from app.ui.i18n import install_translators, remove_translators

    translators = install_translators(qapp, "en")
    session.lang = "en"
    yield
    remove_translators(qapp, translators)


def test_supervisor_view_speaks_english(en: None, session: Any, qtbot: Any) -> None:
    from app.ui.supervisor.view import SupervisorView

    session.set_actor(Actor("admin", "Admin", "admin"))
    view = SupervisorView(session)
    qtbot.addWidget(view)
    view.resize(1366, 740)
    view.show()
    wait_idle(qtbot, session)
    shown = [w.text() for w in view.findChildren(QLabel)] + [b.text() for b in view.export_buttons.values()]
    shown += [view.apology_button.text(), view.channel.itemText(0), view.channel.itemText(1)]
    shown += [view.overdue_model.headerData(i, _horizontal()) for i in range(view.overdue_model.columnCount())]
    assert {"Received", "Overdue (0)", "Log book PDF", "Apology, new date (form 04)", "All", "In person",
            "Dossier code", "Hours late", "From", "Procedure"} <= set(shown)
    vietnamese = set("ạảãàáâậầấẩẫăắằặẳẵđèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ")
    left = [text for text in shown if vietnamese & set(text.lower()) and "UBND" not in text]
    assert left == [], left  # office, clerk and procedure names are data and may stay Vietnamese
    assert view.tiles["wait"].text() == "–" or view.tiles["wait"].text().endswith("min")


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_demo_password_stays_on_one_line(en: None, session: Any, qtbot: Any, font_family: str) -> None:
    from app.ui.main_window import MainWindow

    session.demo_login = ("admin", "motcua-demo")
    window = MainWindow(session, font_family)
    qtbot.addWidget(window, before_close_func=lambda w: w.intake_page.clear_form())
    window.resize(1366, 740)
    window.show()
    hint = window.lock_page.hint
    qtbot.waitUntil(hint.isVisible, timeout=5000)
    assert hint.text().startswith("Demo office")
    text = hint.text()
    assert text.startswith("Demo office (sample data):<br>")  # the sign-in has a line of its own ...
    bold = QFont(hint.font())
    bold.setBold(True)
    credentials = QFontMetrics(bold).horizontalAdvance("user name admin, password motcua-demo")
    assert credentials < hint.contentsRect().width() - 16  # ... which fits in the box (8 px padding each side)
    two_lines = 2 * QFontMetrics(bold).lineSpacing() + 16 + 4
    assert hint.heightForWidth(hint.width()) <= two_lines  # so nothing wraps: two lines in all


def test_supervisor_view_fits_1366_in_english_large_text(en: None, session: Any, qtbot: Any, qapp: QApplication,
                                                         font_family: str) -> None:
    """English labels are longer: in "Rất lớn" the view was 1386 px wide before the procedure filter gave way."""
    from app.ui.fonts import apply_scale
    from app.ui.supervisor.view import SupervisorView

    session.set_actor(Actor("admin", "Admin", "admin"))
    apply_scale(qapp, font_family, 1.5)
    try:
        view = SupervisorView(session)
        qtbot.addWidget(view)
        wait_idle(qtbot, session)
        assert view.minimumSizeHint().width() <= 1366
    finally:
        apply_scale(qapp, font_family, 1.0)


def test_overdue_lists_status_follows_the_language(session: Any) -> None:
    from datetime import datetime, timedelta

    from app.domain.ontime import OnTimeClass
    from app.domain.status import Status
    from app.reports.logbook import LogRow
    from app.reports.stats import watch_lists
    from app.ui.supervisor.watch_model import KEYS, WatchListModel

    now = datetime.fromisoformat("2026-11-16T09:00:00+07:00")
    row = LogRow(1, "000.00.12.H62-261110-0001", "P1", "Đăng ký khai sinh", "Trần Thị Lan", "", "", "counter",
                 int(Status.PROCESSING), "lan", now - timedelta(days=6), now - timedelta(days=1), None, None, None,
                 OnTimeClass.IN_PROGRESS_OVERDUE, None, "")
    items = watch_lists([row], now)["overdue"]
    column = KEYS.index("status")
    shown = {}
    for lang in ("en", "vi"):
        model = WatchListModel(lang)
        model.set_items(items)
        shown[lang] = model.data(model.index(0, column))
    assert shown == {"en": "Processing", "vi": "Đang xử lý"}
