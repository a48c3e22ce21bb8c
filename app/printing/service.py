"""Send a document to the printer its kind is routed to: thermal raster, office printer, or a PDF file.

Why: callers (the UI, the CLI) should say "print this receipt" and not care what is plugged in. The service
renders each document for the target (A5 or A4 sheet, 58 or 80 mm roll), and always reports where the output
went. Office printers need Qt, which this package must not import, so the UI passes in a callable that
prints a PDF on one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.timezone import now_vn
from app.printing.errors import PrinterError
from app.printing.form01 import render_receipt
from app.printing.form06 import control_sheet
from app.printing.handover import render_handover
from app.printing.notices import delay_apology, refusal, stop_notice, supplement_request
from app.printing.printers import PrinterConfig, PrintSettings, send_raw
from app.printing.printout_files import forget_old
from app.printing.roll import roll_for
from app.printing.thermal import pdf_to_escpos
from app.printing.ticket import render_ticket_escpos, render_ticket_pdf
from app.printing.trial_page import render_test_page

OfficePrinter = Callable[[PrinterConfig, bytes], None]

# Sheet documents: kind -> renderer(data, paper).
SHEET_RENDERERS: dict[str, Callable[..., bytes]] = {
    "receipt": render_receipt,
    "form02": supplement_request,
    "form03": refusal,
    "form04": delay_apology,
    "form05": stop_notice,
    "form06": control_sheet,
    "handover": lambda data, _paper: render_handover(data),  # always A4: the list grows with the batch
}


@dataclass(frozen=True)
class Delivered:
    """Where a document went: the printer's name and kind, and the file when it was saved as PDF."""

    printer: str
    backend: str
    size: int
    path: Path | None = None


class PrintService:
    """Routes documents to printers per :class:`PrintSettings`."""

    def __init__(self, settings: PrintSettings, office_printer: OfficePrinter | None = None) -> None:
        self.settings = settings
        self.office_printer = office_printer

    def print_sheet(self, kind: str, data: Any, *, name: str) -> Delivered:
        """Print form ``kind`` (see ``SHEET_RENDERERS``); ``name`` names the PDF file if it is saved."""
        config = self.settings.printer_for(kind)
        if config.is_thermal:
            raise PrinterError(
                config.name, "là máy in nhiệt, không in được khổ A5/A4", "is a thermal printer: no A5/A4"
            )
        return self._deliver_pdf(config, SHEET_RENDERERS[kind](data, config.sheet), name)

    def print_ticket(self, data: Any) -> Delivered:
        """Print a queue ticket: raster on a thermal printer, a roll-sized PDF elsewhere."""
        config = self.settings.printer_for("ticket")
        if config.is_thermal:
            stream = render_ticket_escpos(data, config.roll_mm, config.dots)  # type: ignore[arg-type]
            send_raw(config, stream)
            return Delivered(config.name, config.backend, len(stream))
        return self._deliver_pdf(config, render_ticket_pdf(data, config.roll_mm), f"ticket-{data.number}")  # type: ignore[arg-type]

    def print_test_page(self, printer: str | None = None, now: datetime | None = None) -> Delivered:
        """Print the test page on ``printer`` (by name), or on the one routed for test pages."""
        config = self.settings.printer_named(printer) if printer else self.settings.printer_for("test_page")
        pdf = render_test_page(config, now or now_vn())
        if config.is_thermal:
            stream = pdf_to_escpos(pdf, roll_for(config.roll_mm, config.dots))
            send_raw(config, stream)
            return Delivered(config.name, config.backend, len(stream))
        return self._deliver_pdf(config, pdf, "test-page")

    def _deliver_pdf(self, config: PrinterConfig, pdf: bytes, name: str) -> Delivered:
        if config.backend == "system":
            if self.office_printer is None:
                raise PrinterError(
                    config.name,
                    "máy in văn phòng chỉ in được từ cửa sổ ứng dụng",
                    "office printers print from the application window only",
                )
            self.office_printer(config, pdf)
            return Delivered(config.name, config.backend, len(pdf))
        return Delivered(config.name, config.backend, len(pdf), save_pdf(config, pdf, name))


def save_pdf(config: PrinterConfig, pdf: bytes, name: str) -> Path:
    """Write ``pdf`` into the configured folder as ``<name>.pdf`` (a safe file name); never overwrites."""
    folder = Path(config.address or ".")
    stem = re.sub(r"[^\w.-]+", "_", name).strip("._") or "document"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        forget_old(folder)  # yesterday's receipts: personal data in clear, printable again from the store
        for n in range(1, 10_000):
            path = folder / (f"{stem}.pdf" if n == 1 else f"{stem}-{n}.pdf")
            try:
                with open(path, "xb") as fh:  # "x": an earlier printout of the same name is kept
                    fh.write(pdf)
                break
            except FileExistsError:
                continue
    except OSError as exc:
        raise PrinterError(
            config.name,
            f"không ghi được tệp vào {folder} ({exc.strerror})",
            f"cannot write into {folder} ({exc.strerror})",
        ) from exc
    return path
