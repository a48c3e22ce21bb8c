"""Read printed output back with the real tools: poppler (pdftotext, pdftoppm, pdffonts) and zbar (zbarimg)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from PIL import Image


def _run(*args: str, data: bytes | None = None) -> str:
    done = subprocess.run(args, input=data, capture_output=True, check=False, timeout=60)
    return done.stdout.decode("utf-8")


def pdf_text(pdf: bytes, *, page: int | None = None) -> str:
    """All text of ``pdf`` (or of one 1-based ``page``) in reading order, as pdftotext extracts it."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _run("pdftotext", *pages, "-", "-", data=pdf)


def pdf_lines(pdf: bytes, *, page: int | None = None) -> list[str]:
    """The extracted text as stripped, non-empty lines."""
    return [line.strip() for line in pdf_text(pdf, page=page).splitlines() if line.strip()]


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass(frozen=True)
class PageBox:
    width: float
    height: float


def pdf_words(pdf: bytes) -> tuple[list[PageBox], list[Word]]:
    """Every word with its box (points, origin top-left) and every page's size, from ``pdftotext -bbox``."""
    html = _run("pdftotext", "-bbox", "-", "-", data=pdf)
    pages: list[PageBox] = []
    words: list[Word] = []
    token = re.compile(
        r'<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" '
        r'xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    )
    for m in token.finditer(html):
        if m.group(1):
            pages.append(PageBox(float(m.group(1)), float(m.group(2))))
        else:
            x0, y0, x1, y1 = (float(m.group(i)) for i in (3, 4, 5, 6))
            words.append(Word(unescape(m.group(7)), len(pages), x0, x1, y0, y1))
    return pages, words


def words_outside(pdf: bytes, margin: float) -> list[Word]:
    """Words that reach into the page margin or beyond the paper: text that was cut off or overflowed."""
    pages, words = pdf_words(pdf)
    slack = 1.0
    return [
        w
        for w in words
        if w.x0 < margin - slack
        or w.x1 > pages[w.page - 1].width - margin + slack
        or w.y0 < margin - slack
        or w.y1 > pages[w.page - 1].height - 3.0  # the page footer sits in the bottom margin
    ]


def pdf_fonts(pdf: bytes, tmp: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the PDF uses, as pdffonts reports."""
    path = tmp / "fonts.pdf"
    path.write_bytes(pdf)
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    return [(row.split()[0], row.split()[-5] == "yes") for row in rows if row.strip()]


def render_png(pdf: bytes, tmp: Path, *, dpi: int = 150) -> list[Path]:
    """Each page of ``pdf`` as a PNG at ``dpi`` (pdftoppm), in page order."""
    (tmp / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(tmp / "doc.pdf"), str(tmp / "page")], check=True)
    return sorted(tmp.glob("page-*.png"))


def scan(*images: Path) -> list[str]:
    """Every symbol zbarimg decodes in ``images``, as "TYPE:data" lines."""
    out = _run("zbarimg", "--quiet", *(str(i) for i in images))
    return [line for line in out.splitlines() if line]


def scan_image(image: Image.Image, tmp: Path) -> list[str]:
    """zbarimg on a Pillow image (e.g. a thermal raster), saved as PNG first."""
    path = tmp / "raster.png"
    image.convert("L").save(path)
    return scan(path)
