"""The Qt print path: the PDF painted on a QPrinter (PDF output) keeps its pages, paper size and barcodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.printing.errors import PrinterError
from app.printing.form01 import render_receipt
from app.printing.handover import render_handover
from app.printing.printers import PrinterConfig
from tests.printing import samples
from tests.printing.tools import render_png, scan

pytestmark = pytest.mark.gui


def _pdf_printer(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.slow
def test_receipt_painted_on_a_qprinter_is_a5_and_still_scans(qapp: object, tmp_path: Path) -> None:
    from app.ui.printing_dialog import paint_pdf

    out = tmp_path / "qt.pdf"
    assert paint_pdf(_pdf_printer(out), render_receipt(samples.receipt())) == 1
    printed = out.read_bytes()
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(printed)
    assert len(doc) == 1 and round(doc[0].get_width()) == 420 and round(doc[0].get_height()) == 595
    doc.close()
    assert sorted(scan(*render_png(printed, tmp_path))) == sorted(
        [f"CODE-128:{samples.CODE}", f"QR-Code:{samples.CODE}"]
    )


def test_every_page_of_a_long_list_is_printed(qapp: object, tmp_path: Path) -> None:
    from app.ui.printing_dialog import paint_pdf

    assert paint_pdf(_pdf_printer(tmp_path / "list.pdf"), render_handover(samples.handover(30))) >= 2


def test_unknown_os_printer_is_a_printer_error(qapp: object) -> None:
    from app.ui.printing_dialog import print_on

    with pytest.raises(PrinterError, match="không tìm thấy máy in"):
        print_on(PrinterConfig("Máy in A5", "system", "Không-có-máy-in-này"), render_receipt(samples.receipt()))
