"""Office printers through Qt: the print dialog with preview, and printing straight to a named printer.

Why raster: the document is the PDF that ``app.printing`` drew once; Qt cannot draw a PDF onto a ``QPrinter``,
so each page is rasterised with pypdfium2 (at the printer's resolution, capped at 300 dpi, which keeps the
barcode's 3-pixel bars whole) and painted to fill the paper. The PDF already holds its margins, so the printer
is put in full-page mode. Painting a ``QPrinter`` belongs on the GUI thread; render the PDF in a worker first.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from app.attachments.pdfium_lock import PDFIUM
from app.printing.errors import PrinterError
from app.printing.printers import PrinterConfig

MAX_DPI = 300


def paint_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Paint every page of ``pdf`` on ``printer`` (page size taken from the PDF); return the page count."""
    with PDFIUM:  # a thumbnail or a thermal ticket may be rendering on the worker
        return _paint(printer, pdf)


def _paint(printer: QPrinter, pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    painter = QPainter()
    try:
        for index, page in enumerate(doc):
            size = QPageSize(QSizeF(page.get_width(), page.get_height()), QPageSize.Unit.Point, "MotCua")
            printer.setFullPage(True)
            if index == 0:
                printer.setPageSize(size)
                printer.setPageOrientation(QPageLayout.Orientation.Portrait)
                if not painter.begin(printer):
                    name = printer.printerName() or printer.outputFileName()
                    raise PrinterError(name, "không mở được máy in", "cannot open the printer")
            else:
                printer.newPage()
            dpi = min(printer.resolution(), MAX_DPI)
            pil = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            image = QImage(pil.tobytes(), pil.width, pil.height, pil.width, QImage.Format.Format_Grayscale8)
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
        return len(doc)
    finally:
        if painter.isActive():
            painter.end()
        doc.close()


def print_on(config: PrinterConfig, pdf: bytes) -> None:
    """Print ``pdf`` on the OS printer named ``config.address`` without a dialog (``PrintService``'s hook)."""
    info = QPrinterInfo.printerInfo(config.address)
    if info.isNull():
        raise PrinterError(
            config.name,
            f"không tìm thấy máy in «{config.address}» trong hệ điều hành",
            f"no printer called '{config.address}' in the operating system",
        )
    paint_pdf(QPrinter(info, QPrinter.PrinterMode.HighResolution), pdf)


def print_with_preview(pdf: bytes, parent: QWidget | None = None) -> bool:
    """Show Qt's print preview for ``pdf``; True when the user printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda target: paint_pdf(target, pdf))
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_with_dialog(pdf: bytes, parent: QWidget | None = None) -> bool:
    """Ask which printer (Qt's print dialog), then print ``pdf``; True when printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    paint_pdf(printer, pdf)
    return True
