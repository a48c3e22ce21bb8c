"""Printers and routing with real connections: a local TCP 9100 listener, real files, real failures."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.printing.errors import PrinterError, PrintInputError
from app.printing.printers import PrinterConfig, PrintSettings
from app.printing.service import PrintService
from tests.printing import samples
from tests.printing.escpos_parse import CUT, INIT, raster_blocks


class FakeNetworkPrinter:
    """A real TCP listener on localhost that keeps every byte a client sends (what a 9100 printer gets)."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            while chunk := conn.recv(65536):
                self.received += chunk

    def close(self) -> None:
        self.thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def network_printer() -> Iterator[FakeNetworkPrinter]:
    printer = FakeNetworkPrinter()
    yield printer
    printer.close()


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def test_ticket_goes_to_the_network_printer_as_escpos(network_printer: FakeNetworkPrinter) -> None:
    kiosk = PrinterConfig("Máy lấy số", "network", f"127.0.0.1:{network_printer.port}", paper="58", timeout=5)
    service = PrintService(PrintSettings((kiosk,), {"ticket": "Máy lấy số"}))
    delivered = service.print_ticket(samples.ticket())
    network_printer.close()
    data = bytes(network_printer.received)
    assert delivered.printer == "Máy lấy số" and delivered.size == len(data) > 0
    assert data.startswith(INIT) and data.endswith(CUT + b"\x00")
    assert {block.width_px for block in raster_blocks(data)} == {384}


def test_unreachable_network_printer_gives_a_clear_bilingual_error() -> None:
    kiosk = PrinterConfig("Máy lấy số", "network", f"127.0.0.1:{_free_port()}", paper="80", timeout=2)
    service = PrintService(PrintSettings((kiosk,), {"ticket": "Máy lấy số"}))
    with pytest.raises(PrinterError) as caught:
        service.print_ticket(samples.ticket())
    vi, en = caught.value.user_message("vi"), caught.value.user_message("en")
    assert "Máy in «Máy lấy số»" in vi and "mất mạng" in vi and "Dữ liệu vẫn được lưu" in vi
    assert "Printer 'Máy lấy số'" in en and "network down" in en


@pytest.mark.parametrize(
    ("backend", "address"), [("usb", "04b8:0e15"), ("serial", "/dev/ttyUSB-motcua-missing"), ("win32", "POS-58")]
)
def test_missing_device_or_library_is_a_printer_error(backend: str, address: str) -> None:
    printer = PrinterConfig("Máy in nhiệt", backend, address, paper="58")  # type: ignore[arg-type]
    service = PrintService(PrintSettings((printer,), {"ticket": "Máy in nhiệt"}))
    with pytest.raises(PrinterError) as caught:
        service.print_ticket(samples.ticket())
    assert caught.value.printer == "Máy in nhiệt"
    assert caught.value.reason_vi and caught.value.reason_en


def test_without_a_printer_documents_are_saved_as_pdf_and_never_overwritten(tmp_path: Path) -> None:
    service = PrintService(PrintSettings(pdf_dir=tmp_path / "in"))
    first = service.print_sheet("receipt", samples.receipt(), name=samples.CODE)
    second = service.print_sheet("receipt", samples.receipt(), name=samples.CODE)
    assert first.backend == "pdf" and first.path == tmp_path / "in" / f"{samples.CODE}.pdf"
    assert second.path == tmp_path / "in" / f"{samples.CODE}-2.pdf"
    assert first.path.read_bytes().startswith(b"%PDF")
    ticket = service.print_ticket(samples.ticket())
    assert ticket.path is not None and ticket.path.name == "ticket-A012.pdf"


def test_an_unwritable_pdf_folder_is_a_printer_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    service = PrintService(PrintSettings(pdf_dir=blocker / "sub"))
    with pytest.raises(PrinterError):
        service.print_sheet("form03", samples.refusal(), name="refusal")


def test_office_printer_gets_the_pdf_on_the_configured_paper() -> None:
    got: list[tuple[str, bytes]] = []
    office = PrinterConfig("Máy in A4", "system", "HP LaserJet", paper="a4")
    service = PrintService(
        PrintSettings((office,), {"receipt": "Máy in A4"}), lambda c, pdf: got.append((c.address, pdf))
    )
    service.print_sheet("receipt", samples.receipt(), name="r")
    assert got[0][0] == "HP LaserJet" and b"/MediaBox [ 0 0 595.2756 841.8898 ]" in got[0][1]


def test_routing_mistakes_are_explained() -> None:
    office = PrinterConfig("Máy in A5", "system", "HP", paper="a5")
    kiosk = PrinterConfig("Máy lấy số", "network", "10.0.0.9", paper="58")
    settings = PrintSettings((office, kiosk), {"receipt": "Máy lấy số", "form02": "Không có", "form03": "Máy in A5"})
    service = PrintService(settings)  # no Qt hook: running outside the app window
    with pytest.raises(PrinterError, match="máy in nhiệt"):
        service.print_sheet("receipt", samples.receipt(), name="r")
    with pytest.raises(PrinterError, match="chưa được cài đặt"):
        service.print_sheet("form02", samples.supplement_request(), name="r")
    with pytest.raises(PrinterError, match="cửa sổ ứng dụng"):
        service.print_sheet("form03", samples.refusal(), name="r")


def test_bad_printer_definitions_are_refused() -> None:
    with pytest.raises(PrintInputError):
        PrinterConfig("X", "bluetooth", "aa:bb")  # type: ignore[arg-type]
    with pytest.raises(PrintInputError):
        PrinterConfig("X", "usb", "04b8:0e15", paper="a5")


def test_test_page_on_a_thermal_printer_and_as_pdf(network_printer: FakeNetworkPrinter, tmp_path: Path) -> None:
    kiosk = PrinterConfig("Quầy 1", "network", f"127.0.0.1:{network_printer.port}", paper="80", timeout=5)
    service = PrintService(PrintSettings((kiosk,), pdf_dir=tmp_path))
    service.print_test_page("Quầy 1", datetime(2026, 1, 2, 8, 0))
    network_printer.close()
    assert {block.width_px for block in raster_blocks(bytes(network_printer.received))} == {576}
    saved = service.print_test_page(None, datetime(2026, 1, 2, 8, 0))
    assert saved.path is not None and saved.path.name == "test-page.pdf"


def test_settings_round_trip_from_plain_data(tmp_path: Path) -> None:
    settings = PrintSettings.from_dict(
        {
            "printers": [{"name": "Quầy 1", "backend": "usb", "address": "0416:5011", "paper": "58"}],
            "routes": {"ticket": "Quầy 1"},
            "pdf_dir": str(tmp_path),
        }
    )
    assert settings.printer_for("ticket").backend == "usb"
    assert settings.printer_for("receipt").backend == "pdf"
