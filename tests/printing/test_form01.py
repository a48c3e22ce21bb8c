"""Form 01 read back from the real PDF: text (pdftotext), barcodes (zbarimg), fonts (pdffonts), layout bounds."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest

from app.printing.form01 import TITLE, render_receipt
from app.printing.model import Applicant, DocumentLine
from app.printing.pdfdoc import SHEETS
from tests.printing import samples
from tests.printing.tools import pdf_fonts, pdf_lines, pdf_text, render_png, scan, words_outside

pytestmark = pytest.mark.slow  # every test here runs poppler or zbar


@pytest.fixture(scope="module")
def receipt_pdf() -> bytes:
    return render_receipt(samples.receipt())


def test_receipt_text_holds_the_exact_vietnamese_fields(receipt_pdf: bytes) -> None:
    lines = pdf_lines(receipt_pdf)
    for line in (
        TITLE,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Hòa An, ngày 21 tháng 11 năm 2026",
        f"Mã hồ sơ: {samples.CODE}",
        "Ông/Bà: Nguyễn Thị Ngọc Hường",
        "Số định danh cá nhân: 048186001234",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã thủ tục: 1.001193)",
        "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 21/11/2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 15 giờ 00 phút, ngày 28/11/2026",
        "Giấy chứng nhận kết hôn của cha mẹ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Bình",
        "Ông/Bà vui lòng mang theo Giấy tiếp nhận này khi đến nhận kết quả.",
    ):
        assert line in lines, line
    assert not any(line.startswith("Mã hồ sơ:") and "Trang" in line for line in lines)  # one page: no footer


def test_receipt_is_one_a5_page_with_only_embedded_dejavu(receipt_pdf: bytes, tmp_path: Path) -> None:
    assert b"/MediaBox [ 0 0 419.5276 595.2756 ]" in receipt_pdf
    fonts = pdf_fonts(receipt_pdf, tmp_path)
    assert {name.split("+")[-1] for name, _ in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(embedded for _, embedded in fonts)
    assert len(render_png(receipt_pdf, tmp_path, dpi=30)) == 1


def test_code128_and_qr_decode_to_exactly_the_dossier_code_at_150_dpi(receipt_pdf: bytes, tmp_path: Path) -> None:
    symbols = scan(*render_png(receipt_pdf, tmp_path))
    assert sorted(symbols) == sorted([f"CODE-128:{samples.CODE}", f"QR-Code:{samples.CODE}"])


def test_a4_option_scans_and_reads_the_same(tmp_path: Path) -> None:
    pdf = render_receipt(samples.receipt(), "a4")
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf
    assert TITLE in pdf_lines(pdf)
    assert sorted(scan(*render_png(pdf, tmp_path))) == sorted([f"CODE-128:{samples.CODE}", f"QR-Code:{samples.CODE}"])


def test_long_name_and_address_wrap_inside_the_page() -> None:
    address = (
        "Tổ dân phố số 15, khu tái định cư Hòa Phước mở rộng giai đoạn hai, lô B2-17 đường Nguyễn Phước Lan "
        "nối dài, gần chợ Hòa Phước cũ và trường Tiểu học Trần Văn Ơn, thôn Miếu Bông, xã Hòa An, thành phố "
        "Đà Nẵng (địa chỉ liên lạc tạm thời trong thời gian sửa chữa nhà ở)"
    )
    name = "Công ty Trách nhiệm hữu hạn Một thành viên Dịch vụ Thương mại và Xây dựng Tổng hợp Hòa An"
    email = "phongtochuchanhchinh.congtytnhhmtvdichvuthuongmaivaxaydung@example-hoa-an.vn"
    pdf = render_receipt(samples.receipt(applicant=Applicant(name=name, address=address, email=email)))
    assert words_outside(pdf, SHEETS["a5"].margin) == []
    flat = " ".join(pdf_text(pdf).split())
    assert f"Địa chỉ: {address}" in flat
    assert f"Ông/Bà: {name}" in flat
    assert "phongtochuchanhchinh" in flat and "hoa-an.vn" in flat  # pdftotext drops a hyphen at a line end


def test_forty_documents_continue_on_page_two_with_nothing_cut_off() -> None:
    documents = tuple(
        DocumentLine(f"Giấy tờ số {n:02d}: bản sao sổ hộ khẩu, giấy xác nhận thông tin về cư trú", originals=1)
        for n in range(1, 41)
    )
    pdf = render_receipt(samples.receipt(documents=documents))
    pages = [pdf_text(pdf, page=n) for n in range(1, 5)]
    total = sum(1 for page in pages if page.strip())
    assert total >= 2
    assert f"Trang 1/{total}" in pages[0] and f"Trang 2/{total}" in pages[1]
    assert samples.CODE in pages[1]  # loose pages can be matched to their dossier
    assert "Tên giấy tờ" in pages[1]  # the table header repeats
    flat = " ".join(pdf_text(pdf).split())
    for n in range(1, 41):
        assert f"Giấy tờ số {n:02d}: bản sao sổ hộ khẩu, giấy xác nhận thông tin về cư trú" in flat
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in pages[total - 1]
    assert words_outside(pdf, SHEETS["a5"].margin) == []


def test_decomposed_and_markup_characters_print_as_typed() -> None:
    nfd_name = unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Hường")
    applicant = Applicant(name=nfd_name, address='Ngõ 5 <cũ> & số 7 "mới"')
    lines = pdf_lines(render_receipt(samples.receipt(applicant=applicant)))
    assert "Ông/Bà: Nguyễn Thị Ngọc Hường" in lines  # NFC: the test string is precomposed
    assert 'Địa chỉ: Ngõ 5 <cũ> & số 7 "mới"' in lines


def test_no_appointment_and_no_documents_still_print() -> None:
    text = pdf_text(render_receipt(samples.receipt(due_at=None, documents=())))
    assert "Theo thông báo của cơ quan giải quyết" in text
    assert "(không có)" in text


def test_a_catalogue_length_document_name_fits_in_one_row() -> None:
    name = ("Giấy tờ có giá trị chứng minh thông tin về cư trú trong trường hợp cơ quan đăng ký hộ tịch " * 14)[:1200]
    pdf = render_receipt(samples.receipt(documents=(DocumentLine(name, originals=1),) * 3))
    assert words_outside(pdf, SHEETS["a5"].margin) == []
    assert " ".join(pdf_text(pdf).split()).count(" ".join(name.split())) == 3


def test_the_book_lines_of_the_circular_are_printed(receipt_pdf: bytes) -> None:
    lines = pdf_lines(receipt_pdf)
    assert "Vào Sổ theo dõi hồ sơ," in lines
    assert any(line.startswith("Quyển số:") and "Số thứ tự:" in line for line in lines)


def test_an_agency_without_a_separate_centre_is_named_once(tmp_path: Path) -> None:
    same = dataclasses.replace(samples.AGENCY, name="UBND xã Hòa An", parent="UBND xã Hòa An")
    pdf = render_receipt(dataclasses.replace(samples.receipt(), agency=same))
    assert pdf_text(pdf).count("UBND XÃ HÒA AN") == 1
    assert len(render_png(pdf, tmp_path, dpi=30)) == 1
    # a separate governing body is still printed above the centre
    assert "ỦY BAN NHÂN DÂN XÃ HÒA AN" in pdf_lines(render_receipt(samples.receipt()))


def test_two_catalogue_length_documents_stay_on_one_a5_sheet_with_a_true_size_barcode(tmp_path: Path) -> None:
    """1.001193's two real document names put only the note, the signatures and the book lines on a second A5
    sheet (found by hostile testing): the text is now set half a point smaller until it fits one sheet."""
    documents = (
        DocumentLine("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác "
                     "nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh.",
                     originals=1),
        DocumentLine("Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc "
                     "các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị "
                     "sử dụng (sau đây gọi tắt là giấy tờ tùy thân) để chứng minh về nhân thân khi làm thủ tục "
                     "trực tiếp tại cơ quan đăng ký hộ tịch.", originals=1),
    )
    data = samples.receipt(documents=documents, fee="Không thu phí, lệ phí")
    pdf = render_receipt(data)
    assert len(render_png(pdf, tmp_path, dpi=30)) == 1
    lines = pdf_lines(pdf)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in lines and "Vào Sổ theo dõi hồ sơ," in lines
    assert not any("Trang" in line for line in lines)  # one sheet: no page footer
    flat = " ".join(pdf_text(pdf).split())
    assert "cơ quan đăng ký hộ tịch." in flat and "giấy cam đoan về việc sinh." in flat
    assert words_outside(pdf, SHEETS["a5"].margin) == []
    # the barcode was not scaled with the text: it still reads at a printer's 150 dpi
    assert sorted(scan(*render_png(pdf, tmp_path))) == sorted([f"CODE-128:{samples.CODE}", f"QR-Code:{samples.CODE}"])
    assert b"/MediaBox [ 0 0 419.5276 595.2756 ]" in pdf
