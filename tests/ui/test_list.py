"""The dossier list: quick filters, status and procedure choices, search as you type, badges, scanning."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.domain.status import Status
from app.services.status_change import change_status
from app.ui.dossiers.filters import QuickFilter
from app.ui.dossiers.list_model import BADGE_ROLE, COLUMNS, DossierTableModel
from tests.ui.conftest import press, type_text, wait_idle
from tests.ui.seed import seed

BADGE = [key for key, _ in COLUMNS].index("badge")


@pytest.fixture
def codes(ctx: Any) -> dict[str, str]:
    return seed(ctx)


def names(page: Any) -> set[str]:
    model = page.model
    return {model.index(r, 1).data() for r in range(model.rowCount())}


def test_quick_filters(window: Any, codes: dict[str, str]) -> None:
    page = window.list_page
    expected = {
        QuickFilter.TODAY: {"Nguyễn Văn Mạnh"},
        QuickFilter.DUE_TODAY: {"Nguyễn Văn Mạnh"},
        QuickFilter.OVERDUE: {"Đặng Thị Hoa"},
        QuickFilter.SUPPLEMENT: {"Lê Văn Sơn"},
        QuickFilter.READY: {"Trần Thị Yến"},
        QuickFilter.OPEN: {"Nguyễn Văn Mạnh", "Đặng Thị Hoa", "Lê Văn Sơn", "Trần Thị Yến"},
        QuickFilter.ALL: set(codes),
    }
    for quick, wanted in expected.items():
        page.set_quick_filter(quick)
        assert names(page) == wanted, quick
        assert page.count_label.text().startswith(str(len(wanted)))


def test_status_and_procedure_choices(window: Any, codes: dict[str, str]) -> None:
    page = window.list_page
    page.set_quick_filter(QuickFilter.ALL)
    page.status_box.setCurrentIndex(page.status_box.findData(int(Status.RETURNED)))
    assert names(page) == {"Hồ Quang Tuấn"}
    page.status_box.setCurrentIndex(0)
    page.procedure_box.setCurrentIndex(page.procedure_box.findData("1.004873"))
    assert names(page) == {"Đặng Thị Hoa", "Hồ Quang Tuấn"}
    page.set_quick_filter(QuickFilter.OPEN)
    assert names(page) == {"Đặng Thị Hoa"}


def test_search_as_you_type(window: Any, qtbot: Any, codes: dict[str, str]) -> None:
    page = window.list_page
    page.set_quick_filter(QuickFilter.ALL)
    page.search.setFocus()
    type_text(page.search, "nguyen van manh")
    qtbot.waitUntil(lambda: names(page) == {"Nguyễn Văn Mạnh"}, timeout=2000)
    page.search.clear()
    type_text(page.search, "dang thi hoa")  # đ typed as d
    qtbot.waitUntil(lambda: names(page) == {"Đặng Thị Hoa"}, timeout=2000)
    page.search.setText("0011900")  # ID number prefix
    qtbot.waitUntil(lambda: names(page) == {"Đặng Thị Hoa", "Trần Thị Yến"}, timeout=2000)
    page.set_quick_filter(QuickFilter.READY)  # the search keeps applying the filter
    assert names(page) == {"Trần Thị Yến"}
    page.search.setText("Mạnh")  # exists, but is not ready to return
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)


def test_a_search_that_looked_at_the_newest_dossiers_only_says_so(
    window: Any, ctx: Any, codes: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.receive import ReceiveInput, receive_dossier
    from app.store import search_pending
    from app.ui.dossiers import list_page

    for i in range(10):  # "chung" only in the procedure's name (Chứng thực), "manh" only in the name
        receive_dossier(ctx, ReceiveInput("2.000884", "Nguyễn Thị Mạnh", f"0010900001{i:02d}"))
    # The budget is FTS5's: write the new entries now (waiting for the background thread if it is writing them),
    # or the search may meet the thread's batch under way and match them unindexed, all of them read (no budget)
    search_pending.index_now(ctx.store.conn)
    monkeypatch.setattr(list_page, "SEARCH_PAGE", 2)  # a page of 2: the candidate budget ends at 8
    page = window.list_page
    page.set_quick_filter(QuickFilter.ALL)
    page.search.setText("chung manh")
    page.refresh()
    assert page.model.rowCount() == 0
    assert "chưa được xét" in page.count_label.text(), "not “0 hồ sơ”: older dossiers were not looked at"
    page.search.setText("dang thi hoa")
    page.refresh()
    assert page.count_label.text() == "1 hồ sơ"


def test_scanning_a_receipt_opens_the_dossier(window: Any, qtbot: Any, codes: dict[str, str]) -> None:
    page = window.list_page
    page.table.setFocus()  # the scanner types wherever the focus is on the page
    code = codes["Lê Văn Sơn"]
    type_text(page.table, code)
    with qtbot.waitSignal(page.open_requested) as blocker:
        press(page.search, Qt.Key.Key_Return)
    assert blocker.args == [code]
    dialog = window.commands._dialogs[-1]
    assert dialog.code == code and dialog.isVisible()
    dialog.close()
    page.search.setText(code[:-4] + "9999")
    press(page.search, Qt.Key.Key_Return)
    assert page.message.isVisible() and "9999" in page.message.text()


def test_badges_have_colour_and_text(window: Any, codes: dict[str, str]) -> None:
    page = window.list_page
    page.set_quick_filter(QuickFilter.ALL)
    model = page.model
    badges = {model.index(r, 1).data(): model.index(r, BADGE) for r in range(model.rowCount())}
    late = badges["Đặng Thị Hoa"]
    assert late.data(BADGE_ROLE) == "late" and "Quá hạn" in late.data()
    assert late.data(Qt.ItemDataRole.BackgroundRole) is not None
    soon = badges["Nguyễn Văn Mạnh"]
    assert soon.data(BADGE_ROLE) == "due_soon" and "Sắp đến hạn" in soon.data()
    assert badges["Lê Văn Sơn"].data(BADGE_ROLE) == "paused"
    assert badges["Hồ Quang Tuấn"].data(BADGE_ROLE) in ("done_on_time", "done_late")


def test_a_status_change_updates_the_row_in_place(window: Any, qtbot: Any, session: Any, ctx: Any,
                                                  codes: dict[str, str]) -> None:
    from app.ui.ops import StoreOp

    page = window.list_page
    page.set_quick_filter(QuickFilter.ALL)
    with qtbot.assertNotEmitted(page.model.modelReset):
        StoreOp(window, session, lambda c: change_status(c, codes["Trần Thị Yến"], Status.RETURNED)).run()
        wait_idle(qtbot, session)
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 1).data() == "Trần Thị Yến")
    assert page.model.index(row, 5).data() == Status.RETURNED.label()


def test_dossier_model_passes_the_model_tester(qtmodeltester: Any, session: Any, codes: dict[str, str]) -> None:
    from app.store import dossiers

    model = DossierTableModel(session.store, session.clock.now())
    model.set_seqs(dossiers.list_seqs(session.store, dossiers.ListFilter()))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(codes)


def test_half_typed_searches() -> None:
    from app.ui.dossiers.list_page import as_you_type

    assert as_you_type("nguyen v") == "nguyen"
    assert as_you_type("n") == ""
    assert as_you_type("000.00.12.H62-2611") == "2611"
    assert as_you_type("000.00.12.H6") == ""
    assert as_you_type("000.00.12.H62-261120-0007") == "261120 0007"
    assert as_you_type("0912 345") == "0912 345"


def test_the_list_pages_through_big_results(session: Any, ctx: Any, qtmodeltester: Any) -> None:
    from app.store import dossiers

    seed(ctx)
    model = DossierTableModel(session.store, session.clock.now())
    model.set_query(lambda limit: dossiers.list_seqs(session.store, dossiers.ListFilter(), limit=limit), page=2)
    assert model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 5 and not model.canFetchMore()  # asked for 8, got all 5
    qtmodeltester.check(model, force_py=True)
