"""Pages whose pixels are not plain 8-bit: a transparent PNG and a scanner's 16-bit grey page keep their text.

Why: the stored page came out black for a PNG with a transparent background (Pillow drops alpha by keeping the
black under it) and white for a 16-bit grey scan (Pillow clips 16-bit samples to 0–255 instead of scaling them):
in both the text was gone. Each page here goes the real way (a file read by ``read_file``, encoded, wrapped in a
PDF) and is rendered back with ``pdftoppm``.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from app.attachments.document import source_pdf
from app.attachments.inputs import read_file
from tests.attachments.pages import text_page

SIZE = (827, 1169)  # A4 at 100 dpi: a dozen lines of text, a quick encode


def _page(tmp_path: Path, path: Path) -> Image.Image:
    """The stored page of ``path`` rendered back at its own 100 dpi, in grey."""
    pdf = tmp_path / "page.pdf"
    (source,) = read_file(path)
    pdf.write_bytes(source_pdf(source))
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", str(pdf), str(tmp_path / "r")], check=True)
    with Image.open(next(tmp_path.glob("r*.png"))) as rendered:
        return rendered.convert("L")


def _ink(img: Image.Image) -> float:
    """Share of dark pixels: the text's."""
    hist = img.histogram()
    return sum(hist[:100]) / (img.width * img.height)


@pytest.fixture(scope="module")
def original() -> Image.Image:
    img = text_page(3, size=SIZE)
    img.info["dpi"] = (100, 100)
    return img


def test_a_png_with_a_transparent_background_is_stored_as_text_on_white(original, tmp_path):
    ink = original.point(lambda v: 255 if v < 128 else 0)  # the text opaque, the paper transparent
    layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    layer.paste(Image.new("RGBA", SIZE, (10, 10, 10, 255)), mask=ink)
    path = tmp_path / "transparent.png"
    layer.save(path, dpi=(100, 100))
    page = _page(tmp_path, path)
    assert 0.005 < _ink(page) < 0.3, _ink(page)  # was 1.0: a black page
    assert _ink(page) == pytest.approx(_ink(original), abs=0.02)


def test_a_16_bit_grey_scan_keeps_its_text(original, tmp_path):
    wide = Image.frombytes("I;16", SIZE, b"".join(struct.pack("<H", v * 257) for v in original.tobytes()))
    path = tmp_path / "scan16.png"
    wide.save(path, dpi=(100, 100))
    with Image.open(path) as saved:
        assert saved.mode == "I;16"  # really a 16-bit file
    page = _page(tmp_path, path)
    assert _ink(page) == pytest.approx(_ink(original), abs=0.02)  # was 0: a white page
