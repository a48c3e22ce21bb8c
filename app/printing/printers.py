"""Which printer prints what: printer definitions, per-document routing, and raw ESC/POS delivery.

Why: an office sets printers up once (a thermal roll at the ticket kiosk, an A5 laser at the counter) and
each document kind goes to its own printer; when none is set, documents are saved as PDF so nothing blocks
the counter. Thermal printers are driven through python-escpos's device classes (USB, serial, TCP 9100,
Windows spooler); every failure there becomes a :class:`PrinterError` with a message a clerk can act on.
"""

from __future__ import annotations

import contextlib
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from app.printing.errors import PrinterError, PrintInputError

Backend = Literal["usb", "serial", "network", "win32", "system", "pdf"]
ESCPOS_BACKENDS = frozenset({"usb", "serial", "network", "win32"})
DOCUMENT_KINDS = (
    "receipt",
    "form02",
    "form03",
    "form04",
    "form05",
    "form06",
    "ticket",
    "handover",
    "test_page",
)
_LIBRARY = {"usb": "pyusb", "serial": "pyserial", "win32": "pywin32"}
_HOW_VI = {
    "usb": "kiểm tra cáp USB và nguồn máy in",
    "serial": "kiểm tra cổng COM và cáp",
    "network": "máy in tắt, sai địa chỉ hoặc mất mạng",
    "win32": "kiểm tra tên máy in trong Windows",
}
_HOW_EN = {
    "usb": "check the USB cable and the printer's power",
    "serial": "check the COM port and cable",
    "network": "printer off, wrong address or network down",
    "win32": "check the printer name in Windows",
}


@dataclass(frozen=True)
class PrinterConfig:
    """One printer as the office set it up.

    ``address`` depends on ``backend``: usb "04b8:0e15" (vendor:product, hex); serial "COM3" or
    "/dev/ttyUSB0"; network "192.168.1.50" or "192.168.1.50:9100"; win32 and system: the printer's name in
    the OS; pdf: a folder.
    ``paper`` is "a5"/"a4" for office printers and "58"/"80" (mm) for thermal rolls.
    """

    name: str
    backend: Backend
    address: str = ""
    paper: str = "a5"
    dots: int | None = None  # print-head width when not the usual 384/576 (e.g. 512 on an Epson TM-T88)
    baudrate: int = 9600
    timeout: float = 10.0

    def __post_init__(self) -> None:
        if self.backend not in (*ESCPOS_BACKENDS, "system", "pdf"):
            raise PrintInputError("printer", f"kiểu kết nối «{self.backend}» không hỗ trợ", "unknown backend")
        if self.is_thermal and self.paper not in ("58", "80"):
            raise PrintInputError("paper", "máy in nhiệt dùng giấy cuộn 58 hoặc 80 mm", "thermal paper is 58 or 80")

    @property
    def is_thermal(self) -> bool:
        """True for ESC/POS receipt printers, which get raster bytes instead of a PDF."""
        return self.backend in ESCPOS_BACKENDS

    @property
    def roll_mm(self) -> int:
        """Roll width for thermal printers; 58 for office printers printing a ticket as PDF."""
        return int(self.paper) if self.paper in ("58", "80") else 58

    @property
    def sheet(self) -> str:
        """Sheet size for forms: the configured one on office printers, else A5."""
        return self.paper if self.paper in ("a5", "a4") else "a5"


@dataclass(frozen=True)
class PrintSettings:
    """The office's printers and, per document kind, the name of the printer it goes to."""

    printers: tuple[PrinterConfig, ...] = ()
    routes: dict[str, str] = field(default_factory=dict)  # document kind -> printer name
    pdf_dir: Path = Path("printouts")

    def printer_named(self, name: str) -> PrinterConfig:
        """The printer called ``name``; a clear error when there is none."""
        for printer in self.printers:
            if printer.name == name:
                return printer
        raise PrinterError(name, "chưa được cài đặt", "is not set up")

    def printer_for(self, kind: str) -> PrinterConfig:
        """The printer routed for ``kind``, or the PDF folder when none is set."""
        name = self.routes.get(kind)
        if name:
            return self.printer_named(name)
        return PrinterConfig("PDF", "pdf", address=str(self.pdf_dir), paper="a5")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PrintSettings:
        """Build from the plain form kept in the settings file (lists and strings only)."""
        printers = tuple(PrinterConfig(**p) for p in data.get("printers", ()))
        return cls(printers, dict(data.get("routes", {})), Path(data.get("pdf_dir", "printouts")))


def send_raw(config: PrinterConfig, data: bytes) -> None:
    """Send an ESC/POS stream to a thermal printer, opening and closing the connection around it."""
    device = _device(config)
    try:
        if config.backend == "network":
            # python-escpos's Network.open() leaks its socket when the connection fails; connect here instead.
            device.device = socket.create_connection((device.host, device.port), timeout=config.timeout)
        else:
            device.open()
        device._raw(data)  # python-escpos's way to pass a Dummy's output through unchanged
    except PrinterError:
        raise
    except Exception as exc:
        how_vi, how_en = _HOW_VI[config.backend], _HOW_EN[config.backend]
        raise PrinterError(
            config.name,
            f"không in được qua {config.address or config.backend} ({how_vi}; {exc})",
            f"cannot print via {config.address or config.backend} ({how_en}; {exc})",
        ) from exc
    finally:
        with contextlib.suppress(Exception):  # closing a dead connection must not hide the real error
            device.close()


def _device(config: PrinterConfig) -> Any:
    """The python-escpos device object for ``config``, or a PrinterError saying what is missing."""
    from escpos import printer as escpos_printer

    classes = {"usb": "Usb", "serial": "Serial", "network": "Network", "win32": "Win32Raw"}
    cls = getattr(escpos_printer, classes[config.backend])
    if not cls.is_usable():
        lib = _LIBRARY.get(config.backend, config.backend)
        raise PrinterError(
            config.name,
            f"máy tính thiếu thư viện {lib} để in kiểu này",
            f"the {lib} library is not installed",
        )
    if not config.address:
        raise PrinterError(config.name, "chưa nhập địa chỉ máy in", "has no address")
    if config.backend == "usb":
        vendor, _, product = config.address.partition(":")
        try:
            ids = int(vendor, 16), int(product, 16)
        except ValueError:
            raise PrinterError(
                config.name, "địa chỉ USB phải có dạng 04b8:0e15", "USB address must look like 04b8:0e15"
            ) from None
        return cls(*ids, timeout=int(config.timeout * 1000))
    if config.backend == "serial":
        return cls(devfile=config.address, baudrate=config.baudrate, timeout=config.timeout)
    if config.backend == "network":
        host, _, port = config.address.partition(":")
        if not (port or "9100").isdigit():
            raise PrinterError(config.name, "cổng mạng phải là số, ví dụ 9100", "the TCP port must be a number")
        return cls(host=host, port=int(port or 9100), timeout=config.timeout)
    return cls(printer_name=config.address)
