"""The intake form: a whole dossier by keyboard, an ID-card QR scan, refusals that store nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.cccd import CccdQr
from app.store import dossiers
from app.store.errors import EnvironmentStoreError
from tests.ui.conftest import press, type_text, wait_idle

QR = CccdQr("001085012345", "", "Trần Văn Đức", __import__("datetime").date(1985, 3, 7), "Nam",
            "Số 5 ngõ 12 phố Hàng Bông, Hoàn Kiếm, Hà Nội", __import__("datetime").date(2021, 6, 1)).to_text()


def focused() -> Any:
    return QApplication.focusWidget()


def test_complete_intake_by_keyboard(window: Any, qtbot: Any, session: Any) -> None:
    page = window.intake_page
    press(window, Qt.Key.Key_F2)
    assert window.pages.currentWidget() is page
    assert focused() is page.picker.search
    type_text(focused(), "dang ky khai sinh")  # no accents: the picker folds them
    press(focused(), Qt.Key.Key_Return)
    assert page.picker.code == "1.001193"
    assert focused() is page.applicant.name
    type_text(focused(), "Nguyễn Thị Hồng Đào")
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is page.applicant.id_number
    type_text(focused(), "001190012345")
    press(focused(), Qt.Key.Key_Tab)
    type_text(focused(), "0912 345 678")
    assert "Trong ngày" in page.costs.processing.text()
    assert "Miễn phí" in page.costs.fee.text()
    press(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, session)

    rows = session.store.query("SELECT * FROM dossiers")
    assert len(rows) == 1
    row = rows[0]
    assert (row["applicant_name"], row["id_number"], row["phone"], row["procedure_code"]) == (
        "Nguyễn Thị Hồng Đào", "001190012345", "0912345678", "1.001193")
    assert row["received_by"] == "admin"
    assert row["due_at"] == "2026-11-16T17:00:00+07:00"  # same-day procedure received at 09:00
    assert page.banner.kind == "ok" and row["code"] in page.banner.label.text()
    assert page.applicant.name.text() == "" and page.picker.code == ""  # ready for the next citizen
    docs = dossiers.documents(session.store, row["id"])
    assert docs and all(d["name"] for d in docs)
    qtbot.waitUntil(lambda: "PDF" in page.banner.label.text() or "máy in" in page.banner.label.text(),
                    timeout=10_000)
    assert any((session.data_dir / "printouts").glob("receipt-*.pdf"))


def test_scanned_cccd_qr_fills_the_form(window: Any, qtbot: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.applicant.name.setFocus()
    type_text(page.applicant.name, "Tr")  # the clerk had started typing
    type_text(page.applicant.name, QR)
    press(page.applicant.name, Qt.Key.Key_Return)
    assert page.applicant.name.text() == "Trần Văn Đức"
    assert page.applicant.id_number.text() == "001085012345"
    assert page.applicant.address.text().startswith("Số 5 ngõ 12")
    assert "07/03/1985" in page.applicant.qr_info.text() and "Nam" in page.applicant.qr_info.text()
    every_text = [w.text() for w in page.applicant.inputs() if hasattr(w, "text")] + [page.notes.text()]
    assert not any("|" in text for text in every_text)
    assert page.applicant.qr_text == QR


def test_qr_scanned_into_another_field_and_pasted(window: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.notes.setText("khách hẹn chiều")
    page.notes.setFocus()
    type_text(page.notes, QR)
    press(page.notes, Qt.Key.Key_Return)
    assert page.notes.text() == "khách hẹn chiều"
    assert page.applicant.id_number.text() == "001085012345"
    page.applicant.clear()
    page.applicant.phone.setText("09" + QR)  # pasted in one piece
    assert page.applicant.phone.text() == "09"
    assert page.applicant.name.text() == "Trần Văn Đức"


def test_unreadable_qr_names_the_problem(window: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.applicant.name.setFocus()
    type_text(page.applicant.name, QR.replace("07031985", "07032001"))  # birth year not in the ID
    press(page.applicant.name, Qt.Key.Key_Return)
    error = page.applicant.errors["cccd_qr"]
    assert error.isVisible() and "không khớp" in error.text()
    assert page.applicant.name.text() == ""


def test_invalid_id_is_refused_and_nothing_stored(window: Any, qtbot: Any, session: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.picker.search.setText("2.000884")
    page.picker.choose_current()
    page.applicant.name.setText("Lê Văn Tám")
    page.applicant.id_number.setText("12345")
    page.applicant.id_number.editingFinished.emit()
    assert "12 chữ số" in page.applicant.errors["id_number"].text()
    page.receive()
    wait_idle(qtbot, session)
    assert page.banner.kind == "error"
    assert "Số định danh" in page.applicant.errors["id_number"].text()
    assert page.applicant.errors["id_number"].isVisible()
    assert QApplication.focusWidget() is page.applicant.id_number
    assert dossiers.count(session.store) == 0
    assert page.applicant.name.text() == "Lê Văn Tám" and page.picker.code == "2.000884"


def test_failed_write_keeps_what_was_typed(window: Any, qtbot: Any, session: Any, monkeypatch: Any) -> None:
    def disk_full(_ctx: Any, _inp: Any) -> Any:
        raise EnvironmentStoreError("full", "Ổ đĩa đã đầy: hãy giải phóng dung lượng rồi thử lại", "disk full")

    monkeypatch.setattr("app.ui.intake.receiving.receive_dossier", disk_full)
    page = window.intake_page
    window.show_intake()
    page.picker.search.setText("khai tu")
    page.picker.choose_current()
    page.applicant.name.setText("Phạm Thị Mai")
    page.applicant.id_number.setText("001190012345")
    page.notes.setText("nộp hộ")
    page.receive()
    wait_idle(qtbot, session)
    assert page.banner.kind == "error" and "Ổ đĩa đã đầy" in page.banner.label.text()
    assert (page.applicant.name.text(), page.notes.text(), page.picker.code) == ("Phạm Thị Mai", "nộp hộ",
                                                                               "1.000656")
    assert page.receive_button.isEnabled()
    assert dossiers.count(session.store) == 0


def test_per_page_fee_follows_the_pages(window: Any, qtbot: Any, session: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.picker.search.setText("chung thuc ban sao")
    page.picker.choose_current()
    assert page.picker.code == "2.000815"
    assert page.costs.pages_box.isVisibleTo(page)
    page.costs.pages_box.setValue(5)
    assert "7.000 đ" in page.costs.fee.text()  # 2 × 2,000 + 3 × 1,000
    page.costs.copies_box.setValue(2)
    assert "14.000 đ" in page.costs.fee.text()
    page.applicant.name.setText("Đỗ Văn Nam")
    page.applicant.id_number.setText("001090012345")
    page.receive()
    wait_idle(qtbot, session)
    row = session.store.query_one("SELECT fee_vnd, pages, copies FROM dossiers")
    assert row == {"fee_vnd": 14000, "pages": 5, "copies": 2}


def test_documents_checklist_counts_go_to_the_dossier(window: Any, qtbot: Any, session: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.picker.search.setText("1.000894")  # marriage registration
    page.picker.choose_current()
    model = page.documents.model
    assert model.rowCount() > 0
    model.setData(model.index(0, 2), 3)  # three certified copies of the first paper
    page.documents.add_other()
    model.setData(model.index(model.rowCount() - 1, 0), "Giấy xác nhận tình trạng hôn nhân")
    page.applicant.name.setText("Hà Văn Bình")
    page.applicant.id_number.setText("001090012345")
    page.receive()
    wait_idle(qtbot, session)
    row = session.store.query_one("SELECT id FROM dossiers")
    docs = dossiers.documents(session.store, row["id"])
    assert docs[0]["certified_copies"] == 3
    assert docs[-1]["name"] == "Giấy xác nhận tình trạng hôn nhân" and docs[-1]["originals"] == 1


def test_receive_needs_a_procedure(window: Any, session: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.receive()
    assert page.procedure_error.isVisible()
    assert dossiers.count(session.store) == 0


def test_counter_only_procedures_offer_no_post(window: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.applicant.channel.setCurrentIndex(1)  # post
    page.picker.search.setText("2.000884")  # signature certification: at the counter only
    page.picker.choose_current()
    assert page.applicant.channel_code() == "counter"
    assert not page.applicant.channel.model().item(1).isEnabled()
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    assert page.applicant.channel.model().item(1).isEnabled()


def test_documents_by_keyboard(window: Any, qtbot: Any) -> None:
    page = window.intake_page
    window.show_intake()
    page.picker.search.setText("1.000894")
    page.picker.choose_current()
    table, model = page.documents.table, page.documents.model
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    before = model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole)
    press(table, Qt.Key.Key_Space)
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) != before
    table.setCurrentIndex(model.index(0, 2))
    press(table, Qt.Key.Key_2)
    press(QApplication.focusWidget(), Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: model.index(0, 2).data(Qt.ItemDataRole.EditRole) == 2, timeout=2000)
