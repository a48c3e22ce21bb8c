"""Page compression: the size budgets of the issue on a full A4 page at 300 dpi, and the page stays A4 and legible."""

from __future__ import annotations

import io
import shutil
import subprocess

import pikepdf
import pytest

from app.attachments.encode import BW_BUDGET, GREY_BUDGET, choose_kind, encode_page, page_pdf
from tests.attachments.pages import found_words, text_page


@pytest.fixture(scope="module")
def a4():
    return text_page(7)


def _a4_points(pdf_bytes: bytes) -> tuple[float, float]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        box = pdf.pages[0].mediabox
        return float(box[2]) - float(box[0]), float(box[3]) - float(box[1])


def test_grey_a4_page_fits_150_kb_at_300_dpi(a4):
    page = encode_page(a4, "grey")
    pdf = page_pdf(page)
    assert page.dpi == 300 and page.kind == "grey"
    assert len(pdf) <= GREY_BUDGET, len(pdf)
    w, h = _a4_points(pdf)
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2


def test_black_and_white_a4_page_fits_60_kb(a4):
    pdf = page_pdf(encode_page(a4, "bw"))
    assert len(pdf) <= BW_BUDGET, len(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        image = next(iter(doc.pages[0].get_images().values()))
        assert "/CCITTFaxDecode" in str(image.Filter)


def test_auto_mode_picks_by_content(a4):
    assert choose_kind(a4) == "grey"
    assert choose_kind(a4.convert("1")) == "bw"
    assert choose_kind(a4.convert("RGB")) == "grey"  # a grey page scanned in colour is stored grey
    tinted = a4.convert("RGB")
    tinted.paste((200, 30, 30), (0, 0, tinted.width, tinted.height // 2))
    assert choose_kind(tinted) == "colour"


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract not installed")
def test_compressed_grey_page_is_still_readable(a4, tmp_path):
    """Legibility, measured: render the stored page back at 300 dpi and let Tesseract (vie) read its top part
    (heading and first lines: the whole page costs ~40 s of OCR for no more evidence)."""
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(page_pdf(encode_page(a4, "grey")))
    crop = ["-x", "0", "-y", "0", "-W", "2480", "-H", "800"]
    subprocess.run(
        ["pdftoppm", "-r", "300", "-gray", "-png", *crop, "-f", "1", "-l", "1", str(pdf), str(tmp_path / "r")],
        check=True,
    )
    png = next(tmp_path.glob("r*.png"))
    text = subprocess.run(["tesseract", str(png), "-", "-l", "vie"], capture_output=True, text=True).stdout
    assert len(found_words(text)) >= 2, text  # the top of the page holds the heading and one or two lines
