"""Code128 and QR images of the dossier code, sized for cheap counter scanners.

Why these sizes: a Code128 module of 0.254 mm (10 mil) is what budget CCD and laser scanners are specified
for and keeps a 25-character dossier code under 80 mm, so it fits an A5 sheet beside the QR code. Each bar
is drawn as a whole number of pixels (3 px at 300 dpi): python-barcode rounds module edges down, and widths
that drift between 2 and 4 px make the bars uneven enough that scanners and ``zbarimg`` miss the code. The
QR code is vector so it stays sharp at any printer resolution and through the thermal rasteriser.
"""

from __future__ import annotations

from PIL import Image
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from app.printing.fonts import REGULAR, font_file
from app.printing.model import need_code, need_text

BARCODE_DPI = 300
MODULE_PX = 3
_MODULE_MM = (MODULE_PX + 1e-4) * 25.4 / BARCODE_DPI  # the 1e-4 keeps python-barcode's rounding on whole pixels
QUIET_MODULES = 10  # Code128's minimum quiet zone on each side
QR_QUIET_MODULES = 4  # the QR standard's quiet zone


def code128_image(code: str, *, bar_height_mm: float = 12.0, font_size: float = 9.0) -> Image.Image:
    """Greyscale image of ``code`` as Code128 with the code printed under the bars in DejaVu Sans.

    ``font_size=0`` draws the bars only (for layouts that print the code as real text beside them).
    """
    from barcode import Code128  # imported here: python-barcode is only needed once a code is drawn
    from barcode.writer import ImageWriter

    need_code(code)
    writer = ImageWriter(format="PNG", mode="L", dpi=BARCODE_DPI)
    options = {
        "module_width": _MODULE_MM,
        "module_height": bar_height_mm,
        "quiet_zone": QUIET_MODULES * _MODULE_MM,
        "font_path": str(font_file(REGULAR)),
        "font_size": font_size,
        "text_distance": font_size * 0.45,
        "margin_top": 0.5,
        "margin_bottom": 0.5,
    }
    return Code128(code, writer=writer).render(options)


class PictureFlowable(Flowable):
    """A PIL image placed at a given width (height follows), without a PNG round trip."""

    def __init__(self, image: Image.Image, width: float) -> None:
        super().__init__()
        self.image = image
        self.width = width
        self.height = width * image.height / image.width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(ImageReader(self.image), 0, 0, self.width, self.height)


def code128_flowable(code: str, *, bar_height_mm: float = 12.0, font_size: float = 9.0) -> PictureFlowable:
    """The Code128 image at its true size (3 px at 300 dpi per module), never scaled down."""
    image = code128_image(code, bar_height_mm=bar_height_mm, font_size=font_size)
    return PictureFlowable(image, image.width / BARCODE_DPI * inch)


class QrFlowable(Flowable):
    """A QR code drawn as one filled vector path (no seams between modules, no font state touched).

    Why not reportlab's QR widget: its Drawing resets the canvas font to Helvetica, which then appears in the
    PDF as an unembedded font; drawing the matrix here keeps every PDF DejaVu-only and exact to the module.
    """

    def __init__(self, payload: str, size_mm: float) -> None:
        import qrcode  # imported here: only documents with a QR code need it

        super().__init__()
        need_text(payload, "qr_payload", 500)
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(payload.encode("utf-8"))
        code.make(fit=True)
        self.matrix: list[list[bool]] = code.get_matrix()
        self.width = self.height = size_mm * mm

    @property
    def module(self) -> float:
        """Side of one module in points (the symbol plus a 4-module quiet zone fills the square)."""
        return self.width / (len(self.matrix) + 2 * QR_QUIET_MODULES)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        m, n = self.module, len(self.matrix)
        path = self.canv.beginPath()
        for row, cells in enumerate(self.matrix):
            y = self.height - (QR_QUIET_MODULES + row + 1) * m
            col = 0
            while col < n:  # one rectangle per run of dark modules
                if not cells[col]:
                    col += 1
                    continue
                start = col
                while col < n and cells[col]:
                    col += 1
                path.rect((QR_QUIET_MODULES + start) * m, y, (col - start) * m, m)
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)


def qr_drawing(payload: str, size_mm: float) -> QrFlowable:
    """A square QR code (error level M, quiet zone included) ``size_mm`` wide."""
    return QrFlowable(payload, size_mm)
