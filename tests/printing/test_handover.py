"""The post-office hand-over list: one scannable barcode per dossier, totals, signatures, pages that continue."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.printing.handover import TITLE, render_handover
from app.printing.pdfdoc import SHEETS
from tests.printing import samples
from tests.printing.tools import pdf_lines, pdf_text, render_png, scan, words_outside

pytestmark = pytest.mark.slow


def test_every_dossier_in_the_batch_scans_from_the_list(tmp_path: Path) -> None:
    data = samples.handover(14)
    pdf = render_handover(data)
    symbols = scan(*render_png(pdf, tmp_path))
    assert sorted(symbols) == sorted(f"CODE-128:{item.dossier_code}" for item in data.items)


def test_list_names_both_sides_the_batch_and_the_totals() -> None:
    pdf = render_handover(samples.handover(3))
    lines = pdf_lines(pdf)
    for line in (
        TITLE,
        "Lô số: BĐ-261121-01 – Số niêm phong: NP 004512",
        "Bên giao: Bưu điện văn hóa xã Hòa An",
        "Bên nhận: Trung tâm Phục vụ hành chính công xã Hòa An",
        "Thời gian giao: 16 giờ 30 phút, ngày 21/11/2026",
        "Tổng cộng: 3 hồ sơ, 5 bộ.",
        "Hồ Thị Lan",
        "Trần Văn Bình",
    ):
        assert line in lines, line
    assert "Gửi trả kết quả qua bưu điện" in " ".join(lines)


def test_a_long_batch_continues_with_the_header_repeated() -> None:
    pdf = render_handover(samples.handover(30))
    page2 = pdf_text(pdf, page=2)
    assert "Mã hồ sơ" in page2 and "Trang 2/" in page2
    assert "Tổng cộng: 30 hồ sơ" in pdf_text(pdf)
    assert words_outside(pdf, SHEETS["a4"].margin) == []


def test_every_code_is_readable_text_on_the_list() -> None:
    data = samples.handover(14)
    lines = pdf_lines(render_handover(data))
    for item in data.items:
        assert item.dossier_code in lines, item.dossier_code
