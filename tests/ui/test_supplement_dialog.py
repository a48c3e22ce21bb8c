"""Form 02 from the supplement dialog: one row per document typed on its own line, and the reason in "Lý do"."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.domain.status import Status
from app.store import dossiers
from app.ui.dossiers.supplement_dialog import SupplementDialog
from tests.printing.tools import pdf_lines, pdf_words
from tests.ui.conftest import press, type_text, wait_idle
from tests.ui.seed import seed

DOCUMENTS = ("Tờ khai đăng ký khai sinh", "Bản sao Giấy chứng sinh", "Giấy xác nhận cư trú")
WHY = "bản chụp không rõ nét, cần nộp bản sao có chứng thực"


def fill(dialog: SupplementDialog) -> None:
    """By keys, as a clerk types: a document per line, Tab to the reason."""
    dialog.documents.setFocus()
    for n, name in enumerate(DOCUMENTS):
        if n:
            press(dialog.documents, Qt.Key.Key_Return)
        type_text(dialog.documents, name)
    press(dialog.documents, Qt.Key.Key_Tab)
    type_text(dialog.reason, WHY)


def test_the_dialog_needs_documents_and_a_reason(vi: None, qtbot: Any) -> None:
    dialog = SupplementDialog("Yêu cầu bổ sung")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.documents_error.text() == "Phải ghi ít nhất một giấy tờ."
    assert dialog.reason_error.text() == "Phải ghi lý do."
    fill(dialog)
    dialog.accept()
    assert not dialog.isVisible()
    assert dialog.text() == "; ".join(DOCUMENTS) + f" | Lý do: {WHY}"


def test_form_02_lists_each_document_with_the_reason(vi: None, window: Any, qtbot: Any, session: Any, ctx: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    code = seed(ctx)["Đặng Thị Hoa"]  # being processed
    typed: list[str] = []

    def ask(cls: Any, parent: Any, title: str) -> str:  # the real dialog, typed in by keys, then accepted
        dialog = SupplementDialog(title, parent)
        fill(dialog)
        dialog.accept()
        typed.append(dialog.text())
        return dialog.text()

    monkeypatch.setattr("app.ui.dossiers.supplement_dialog.SupplementDialog.ask", classmethod(ask))
    detail = window.commands.open_dossier(code)
    qtbot.mouseClick(detail.move_buttons[Status.SUPPLEMENT], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, session)
    assert dossiers.by_code(session.store, code)["status"] == int(Status.SUPPLEMENT)
    pdf_path = session.data_dir / "printouts"
    qtbot.waitUntil(lambda: any(pdf_path.glob(f"form02-{code}*.pdf")), timeout=15_000)
    pdf = next(pdf_path.glob(f"form02-{code}*.pdf")).read_bytes()
    _, words = pdf_words(pdf)
    lines = pdf_lines(pdf)
    for n, name in enumerate(DOCUMENTS, 1):  # each document on a row of its own, numbered
        row = next(w for w in words if w.text == str(n) and w.x0 < 60)
        on_row = " ".join(w.text for w in words if abs(w.y0 - row.y0) < 2)
        assert on_row.startswith(f"{n} {name.split()[0]}"), on_row
        assert name in " ".join(lines)
    flat = " ".join(" ".join(lines).split())
    assert flat.count("bản chụp không rõ") == 3  # the reason beside every document
    assert "| Lý do" not in flat
    detail.close()
