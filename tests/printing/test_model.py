"""Input records: NFC cleaning and the refusals that name the field, in Vietnamese and English."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest

from app.printing.errors import PrinterError, PrintInputError
from app.printing.model import Applicant, DocumentLine, HandoverData
from app.printing.text import long_date, time_and_date
from tests.printing import samples


def test_strings_are_nfc_and_lists_become_tuples() -> None:
    applicant = Applicant(name=unicodedata.normalize("NFD", "  Đặng   Quốc Huy "), address="Hòa An\n\nĐà Nẵng")
    assert applicant.name == "Đặng Quốc Huy"
    assert unicodedata.is_normalized("NFC", applicant.name)
    assert applicant.address == "Hòa An\nĐà Nẵng"
    receipt = samples.receipt(documents=[DocumentLine("Giấy chứng sinh", originals=1)])
    assert isinstance(receipt.documents, tuple)


@pytest.mark.parametrize("code", ["", "   ", "000.00.12.H62 261121 0004", "HỒ-SƠ-0001", "x" * 65])
def test_a_code_no_barcode_can_carry_is_refused_naming_the_field(code: str) -> None:
    with pytest.raises(PrintInputError) as caught:
        samples.receipt(dossier_code=code)
    error = caught.value
    assert error.field == "dossier_code"
    assert error.user_message("vi").startswith("Mã hồ sơ: ")
    assert error.user_message("en").startswith("Dossier code: ")
    assert error.exit_code == 2
    assert isinstance(error, ValueError)


def test_empty_dossier_code_says_so_plainly() -> None:
    with pytest.raises(PrintInputError, match="Mã hồ sơ: không được để trống"):
        samples.receipt(dossier_code="")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_at": datetime(2026, 11, 20, 8, 0)}, "due_at"),
        ({"sets": 0}, "sets"),
        ({"officer": "x" * 301}, "officer"),
    ],
)
def test_unprintable_receipts_are_refused(changes: dict[str, object], field: str) -> None:
    with pytest.raises(PrintInputError) as caught:
        samples.receipt(**changes)
    assert caught.value.field == field


def test_negative_copies_are_refused() -> None:
    with pytest.raises(PrintInputError, match="Số bản"):
        DocumentLine("Giấy chứng sinh", originals=-1)


def test_aware_and_naive_times_compare_in_vietnam_time() -> None:
    received_utc = datetime(2026, 11, 21, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội
    receipt = samples.receipt(received_at=received_utc)
    assert time_and_date(receipt.received_at) == "08 giờ 30 phút, ngày 21/11/2026"
    assert long_date(datetime(2026, 11, 20, 20, 0, tzinfo=UTC)) == "ngày 21 tháng 11 năm 2026"


@pytest.mark.parametrize("number", ["", "A 12", "A-012", "A0123456789"])
def test_bad_ticket_numbers_are_refused(number: str) -> None:
    with pytest.raises(PrintInputError) as caught:
        samples.ticket(number=number)
    assert caught.value.field == "ticket_number"


def test_notices_check_their_own_fields() -> None:
    with pytest.raises(PrintInputError):
        samples.supplement_request(items=())
    with pytest.raises(PrintInputError):
        samples.refusal(reasons=("",))
    with pytest.raises(PrintInputError) as caught:
        samples.delay_apology(new_due=datetime(2026, 11, 27, 8, 0))
    assert caught.value.field == "new_due_at"
    assert samples.refusal(dossier_code="").dossier_code == ""


def test_an_empty_handover_batch_is_refused() -> None:
    with pytest.raises(PrintInputError):
        HandoverData(sender="Bưu điện xã", receiver=samples.AGENCY, handed_at=samples.RECEIVED, items=())


def test_printer_error_reassures_that_nothing_is_lost() -> None:
    error = PrinterError("Quầy 1", "không kết nối được", "cannot connect")
    assert "Dữ liệu vẫn được lưu" in error.user_message("vi")  # not "the dossier": a test page has none
    assert "Nothing is lost" in error.user_message("en")
    assert error.exit_code == 3


def test_a_printer_name_with_an_escape_is_shown_not_obeyed() -> None:
    error = PrinterError("Quầy\x1b[2J 1", "không kết nối được", "cannot connect")
    assert "\x1b" not in error.user_message("vi") and "«QuầyU+001B[2J 1»" in error.user_message("vi")
