"""PDF page → 1-bit image the width of the print head → ESC/POS raster bytes.

Why raster: cheap 58 mm printers have no Vietnamese code page (STYLE.md), so text sent as characters prints
as garbage; an image prints every diacritic right on every printer. The stream is init (ESC @), raster
blocks (GS v 0), feed and cut (GS V), built with python-escpos's ``Dummy`` so the same bytes can go to USB,
serial, TCP or a file.
"""

from __future__ import annotations

from PIL import Image

from app.attachments.pdfium_lock import PDFIUM
from app.printing.roll import Roll

THRESHOLD = 160  # grey below this prints black: slightly bold strokes survive a weak thermal head


def rasterise(pdf: bytes, roll: Roll) -> Image.Image:
    """Render every page of ``pdf`` (side margins cropped) to one 1-bit image exactly ``roll.dots`` wide."""
    import pypdfium2 as pdfium  # imported here: only thermal printing needs it

    with PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            pages = []
            for page in doc:
                scale = roll.dots / (page.get_width() - 2 * roll.side_margin)
                crop = (roll.side_margin, 0, roll.side_margin, 0)
                bitmap = page.render(scale=scale, crop=crop, grayscale=True, fill_color=(255, 255, 255, 255))
                pages.append(_exact_width(bitmap.to_pil().convert("L"), roll.dots))
        finally:
            doc.close()
    sheet = Image.new("L", (roll.dots, sum(p.height for p in pages)), 255)
    top = 0
    for page_image in pages:
        sheet.paste(page_image, (0, top))
        top += page_image.height
    return sheet.point(lambda v: 255 if v >= THRESHOLD else 0, mode="1")


def _exact_width(image: Image.Image, dots: int) -> Image.Image:
    """Crop or pad (white) by the pixel pdfium's rounding may have added or lost."""
    if image.width == dots:
        return image
    fixed = Image.new("L", (dots, image.height), 255)
    fixed.paste(image.crop((0, 0, min(dots, image.width), image.height)), (0, 0))
    return fixed


def escpos_bytes(image: Image.Image, *, cut: bool = True) -> bytes:
    """ESC/POS stream for ``image``: ESC @, GS v 0 raster blocks, then feed and full cut (GS V)."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.profile = _profile(image.width)
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster", high_density_horizontal=True, high_density_vertical=True)
    if cut:
        printer.cut()
    return printer.output


def pdf_to_escpos(pdf: bytes, roll: Roll, *, cut: bool = True) -> bytes:
    """The whole thermal path: rasterise ``pdf`` for ``roll`` and wrap it in ESC/POS."""
    return escpos_bytes(rasterise(pdf, roll), cut=cut)


def _profile(dots: int) -> object:
    """python-escpos's default profile with the head width set, so it neither warns on stdout nor refuses."""
    from escpos.capabilities import get_profile

    profile = get_profile("default")
    data = dict(profile.profile_data)
    data["media"] = {"dpi": 203, "width": {"mm": round(dots / 8), "pixels": dots}}
    profile.profile_data = data  # an instance attribute: the shared class data stays untouched
    return profile
