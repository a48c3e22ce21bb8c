"""The dossier detail: data, history, and every status move the status machine allows, with reasons and forms."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.domain.status import Status, allowed_targets
from app.store import dossiers
from app.ui.dialogs import ReasonDialog
from tests.ui.conftest import wait_idle
from tests.ui.seed import seed


@pytest.fixture
def codes(ctx: Any) -> dict[str, str]:
    return seed(ctx)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the clerk types in the reason dialog and answers to confirmations (recorded as asked)."""
    state: dict[str, Any] = {"reason": "Thiếu bản sao giấy khai sinh", "confirm": True, "asked": []}

    def reason(cls: Any, parent: Any, title: str, prompt: str, required: bool = True) -> str | None:
        state["asked"].append(("reason", title, required))
        return state["reason"]

    def confirm(cls: Any, parent: Any, title: str, text: str) -> bool:
        state["asked"].append(("confirm", title))
        return bool(state["confirm"])

    def supplement(cls: Any, parent: Any, title: str) -> str | None:
        state["asked"].append(("supplement", title))
        return state["reason"]

    monkeypatch.setattr("app.ui.dialogs.ReasonDialog.ask", classmethod(reason))
    monkeypatch.setattr("app.ui.dossiers.supplement_dialog.SupplementDialog.ask", classmethod(supplement))
    monkeypatch.setattr("app.ui.dialogs.Confirm.ask", classmethod(confirm))
    return state


def status_of(session: Any, code: str) -> Status:
    return Status(dossiers.by_code(session.store, code)["status"])


def move(dialog: Any, qtbot: Any, session: Any, target: Status) -> None:
    button = dialog.move_buttons[target]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, session)


def test_detail_shows_data_documents_and_history(window: Any, codes: dict[str, str]) -> None:
    dialog = window.commands.open_dossier(codes["Trần Thị Yến"])
    assert "Trần Thị Yến" in dialog.title.text()
    assert "Đã xử lý xong" in dialog.state.text()
    labels = [dialog.info_form.itemAt(i, dialog.info_form.ItemRole.LabelRole).widget().text()
              for i in range(dialog.info_form.rowCount())]
    assert "Số định danh" in labels and "Hẹn trả kết quả" in labels
    assert dialog.documents.rowCount() > 0
    steps = [dialog.timeline.topLevelItem(i).text(1) for i in range(dialog.timeline.topLevelItemCount())]
    assert steps[0] == "Tiếp nhận hồ sơ" and steps[-1].endswith("Đã xử lý xong")
    assert set(dialog.move_buttons) == set(allowed_targets(Status.PROCESSED)) == {Status.RETURNED}
    dialog.close()


def test_every_status_move(window: Any, qtbot: Any, session: Any, ctx: Any, answers: dict[str, Any],
                           codes: dict[str, str]) -> None:
    code = codes["Nguyễn Văn Mạnh"]  # received this morning
    dialog = window.commands.open_dossier(code)
    path = [Status.PROCESSING, Status.SUPPLEMENT, Status.PROCESSING, Status.FINANCIAL, Status.PROCESSED,
            Status.RETURNED]
    for target in path:
        assert set(dialog.move_buttons) == set(allowed_targets(status_of(session, code)))
        move(dialog, qtbot, session, target)
        assert status_of(session, code) is target
        assert dialog.banner.kind == "ok"
    assert dialog.move_buttons == {}  # returned is final: nothing more to offer
    events = dossiers.events(session.store, dossiers.by_code(session.store, code)["id"])
    assert [e["to_status"] for e in events] == [2, *[int(s) for s in path]]
    assert next(e for e in events if e["to_status"] == 5)["reason"] == "Thiếu bản sao giấy khai sinh"
    assert ("supplement", Status.SUPPLEMENT.label()) in answers["asked"]  # its own dialog: documents, reason
    assert ("confirm", Status.RETURNED.label()) in answers["asked"]
    assert all(e["actor"] == "admin" for e in events[1:])
    qtbot.waitUntil(lambda: any((session.data_dir / "printouts").glob("form02-*.pdf")), timeout=10_000)
    # the result was handed back: the customer window asks for a rating
    rating = window.commands.customer
    assert rating is not None and rating.isVisible() and rating.pages.currentIndex() == 1
    dialog.close()


@pytest.mark.parametrize(("name", "target", "needs_reason"), [
    ("Nguyễn Văn Mạnh", Status.NOT_RECEIVED, True),
    ("Đặng Thị Hoa", Status.WITHDRAWN, False),
    ("Lê Văn Sơn", Status.STOPPED, True),
])
def test_refuse_withdraw_stop(window: Any, qtbot: Any, session: Any, answers: dict[str, Any],
                              codes: dict[str, str], name: str, target: Status, needs_reason: bool) -> None:
    code = codes[name]
    dialog = window.commands.open_dossier(code)
    move(dialog, qtbot, session, target)
    assert status_of(session, code) is target
    assert answers["asked"] == [("reason", target.label(), needs_reason)]
    assert dialog.move_buttons == {}
    dialog.close()


def test_cancelled_reason_changes_nothing(window: Any, qtbot: Any, session: Any, answers: dict[str, Any],
                                          codes: dict[str, str]) -> None:
    answers["reason"] = None
    code = codes["Lê Văn Sơn"]
    dialog = window.commands.open_dossier(code)
    move(dialog, qtbot, session, Status.STOPPED)
    assert status_of(session, code) is Status.SUPPLEMENT
    dialog.close()


def test_reason_dialog_requires_a_reason(qtbot: Any) -> None:
    dialog = ReasonDialog("Từ chối", "Lý do:", required=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()
    dialog.text.setFocus()
    QTest.keyClicks(dialog.text, "Ho so khong dung tham quyen")
    dialog.accept()
    assert not dialog.isVisible() and dialog.reason() == "Ho so khong dung tham quyen"


def test_rating_is_stored_with_the_dossier(window: Any, qtbot: Any, session: Any, codes: dict[str, str]) -> None:
    code = codes["Hồ Quang Tuấn"]  # result already returned
    rating = window.commands.show_customer_window()
    rating.ask_for(code)
    assert "Hồ Quang Tuấn" not in rating.subject.text()  # the customer screen shows no personal data
    rating.more.setChecked(True)
    qtbot.mouseClick(rating.findChild(type(rating.more), "crit_attitude_2"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(rating.level_buttons["very_satisfied"], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, session)
    row = dossiers.by_code(session.store, code)
    assert row["satisfaction"]["overall"] == "very_satisfied"
    assert row["satisfaction"]["criteria"] == {"attitude": 2}
    assert rating.pages.currentIndex() == 2  # thank you
    outbox = session.store.query("SELECT payload FROM outbox WHERE kind = 'dossier.rated'")
    assert json.loads(outbox[0]["payload"])["code"] == code


def test_rating_before_return_is_refused(window: Any, qtbot: Any, session: Any, codes: dict[str, str]) -> None:
    rating = window.commands.show_customer_window()
    rating.ask_for(codes["Lê Văn Sơn"])
    qtbot.mouseClick(rating.level_buttons["satisfied"], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, session)
    assert "trả kết quả" in rating.message.text()
    assert dossiers.by_code(session.store, codes["Lê Văn Sơn"])["satisfaction"] is None
