"""Compressing one scanned page so that a document stays small and still prints legibly.

The budgets come from the issue: a grey A4 page at 300 dpi at most 150 KB, a black-and-white one at most 60 KB.
Black-and-white pages are stored as CCITT Group 4 (the fax codec: lossless for 1-bit text, ~40 KB a page) and grey
or colour pages as JPEG 2000 with its rate control aimed just under the budget: measured on a dense A4 text page,
baseline JPEG needs ~310 KB at quality 40 for the same page that JPEG 2000 keeps sharp at 145 KB and full 300 dpi.
img2pdf embeds both codecs in the PDF as they are (no re-encoding). Grey pages first lose the scanner's paper
tint (the paper level becomes white), so the bits go to the text, not to the grain of blank paper.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import img2pdf
from PIL import Image, ImageStat

from app.attachments.pixels import paper_image

GREY_BUDGET = 150_000
BW_BUDGET = 60_000
COLOUR_BUDGET = 300_000
DEFAULT_DPI = 300
MODES = ("auto", "grey", "bw", "colour")
_MIN_RATIO = 8.0  # never compress harder than needed: a small or nearly blank page keeps its detail


@dataclass
class EncodedPage:
    data: bytes  # a JPEG 2000 or a Group 4 TIFF that img2pdf embeds as it is
    kind: str  # "grey" | "bw" | "colour"
    dpi: int


def _dpi(img: Image.Image) -> int:
    dpi = img.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 72 <= value <= 1200 else DEFAULT_DPI


def choose_kind(img: Image.Image, mode: str = "auto") -> str:
    if mode != "auto":
        return mode
    if img.mode == "1":
        return "bw"
    if img.mode in ("L", "LA", "I", "I;16", "F"):
        return "grey"
    small = img.convert("RGB").resize((64, 64))
    mean = ImageStat.Stat(small.convert("HSV").getchannel("S")).mean[0]
    return "colour" if mean > 24 else "grey"


def _whiten(grey: Image.Image) -> Image.Image:
    """Map the paper level (the histogram's peak in the light half) to white and stretch the rest under it."""
    hist = grey.histogram()
    paper = max(range(128, 256), key=lambda v: hist[v])
    cut = max(96, paper - 25)
    return grey.point(lambda v: 255 if v > cut else round(v * 255 / cut))


def _jpeg2000(img: Image.Image, dpi: int, budget: int) -> EncodedPage:
    kind = "grey" if img.mode == "L" else "colour"
    raw = img.width * img.height * len(img.getbands())
    target = int(budget * 0.93)  # the PDF wrapper and the codec's rate slack stay under the budget
    data = b""
    for attempt in range(4):
        ratio = max(_MIN_RATIO, raw / target * (1.15**attempt))
        buf = io.BytesIO()
        img.save(buf, "JPEG2000", quality_mode="rates", quality_layers=[ratio], irreversible=True)
        data = buf.getvalue()
        if len(data) <= target:
            break
    return EncodedPage(data, kind, dpi)


def _group4(img: Image.Image, dpi: int) -> EncodedPage:
    if img.mode != "1":
        grey = _whiten(img.convert("L"))
        img = grey.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
    return EncodedPage(buf.getvalue(), "bw", dpi)


def encode_page(img: Image.Image, mode: str = "auto") -> EncodedPage:
    """The compact form of one page image."""
    dpi = _dpi(img)
    img = paper_image(img)
    kind = choose_kind(img, mode)
    if kind == "bw":
        return _group4(img, dpi)
    if kind == "grey":
        return _jpeg2000(_whiten(img.convert("L")), dpi, GREY_BUDGET)
    return _jpeg2000(img.convert("RGB"), dpi, COLOUR_BUDGET)


def page_pdf(page: EncodedPage) -> bytes:
    """A one-page PDF of the encoded image at its resolution (img2pdf: no re-encoding, no hand-made PDF)."""
    layout = img2pdf.get_fixed_dpi_layout_fun((page.dpi, page.dpi))
    return img2pdf.convert(page.data, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid)
