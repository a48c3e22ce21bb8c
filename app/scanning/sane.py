"""SANE scanners through ``scanimage`` (Debian's sane-utils), run as a child process.

Why the command-line front-end rather than the python-sane binding: a SANE backend is a native driver loaded into
the process that calls it; when a USB scanner is unplugged mid-scan some backends crash or hang, and in a child
process that costs only the child (we see its exit status, or kill it on a timeout) instead of the clerk's app.
``scanimage`` is the reference front-end that every SANE backend is tested with, and it needs no C build (the
python-sane wheel is source-only and would need libsane-dev and a compiler on every counter PC).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.attachments.errors import AttachmentError
from app.scanning.temp_sweep import sweep_stale

if TYPE_CHECKING:  # Pillow loads with the first scan, not at the app's start
    from PIL import Image

TIMEOUT_PER_PAGE = 120.0  # a slow A4 colour scan at 600 dpi takes ~60 s
EXIT_GRACE_S = 3.0  # after "Batch terminated" the scan is over: a scanimage still running then is stuck


@dataclass(frozen=True)
class Device:
    name: str  # what scanimage -d takes, e.g. "test:0" or "genesys:libusb:001:004"
    vendor: str
    model: str
    kind: str


@dataclass(frozen=True)
class ScanSettings:
    device: str
    resolution: int = 300
    mode: str = "Gray"  # SANE's names: Lineart | Gray | Color
    source: str = ""  # "" = the device's default; e.g. "Automatic Document Feeder"
    extra: tuple[str, ...] = field(default_factory=tuple)  # backend options, e.g. ("--test-picture", "Grid")


def _exe() -> str:
    exe = shutil.which("scanimage")
    if exe is None:
        raise AttachmentError(
            "scanimage",
            "chưa cài chương trình quét SANE (gói sane-utils)",
            "the SANE scanning program is not installed (package sane-utils)",
            environment=True,
        )
    return exe


def list_devices(timeout: float = 30.0) -> list[Device]:
    proc = subprocess.run(
        [_exe(), "-f", "%d\t%v\t%m\t%t%n"], capture_output=True, text=True, timeout=timeout, check=False
    )
    devices = []
    for line in proc.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            devices.append(Device(*parts))
    return devices


def _args(settings: ScanSettings) -> list[str]:
    args = [_exe(), "-d", settings.device, "--format=png", f"--resolution={settings.resolution}"]
    if settings.mode:
        args.append(f"--mode={settings.mode}")
    if settings.source:
        args.append(f"--source={settings.source}")
    return [*args, *settings.extra]


def _failure(settings: ScanSettings, stderr: str, code: int) -> AttachmentError:
    lines = [ln.removeprefix("scanimage: ") for ln in stderr.splitlines() if ln.startswith("scanimage: ")]
    detail = next((ln for ln in lines if "signal" not in ln and "trying to stop" not in ln), f"exit {code}")
    return AttachmentError(
        settings.device,
        f"máy quét bị ngắt kết nối hoặc báo lỗi khi đang quét ({detail}); kiểm tra cáp và nguồn rồi quét lại trang này",
        f"the scanner disconnected or failed during the scan ({detail}); check the cable and power, then scan again",
        environment=True,
    )


def scan(settings: ScanSettings, pages: int = 1) -> list[Image.Image]:
    """Scan ``pages`` pages (more than one only makes sense from a document feeder); all or nothing."""
    sweep_stale()  # pages a killed scan left in the temp folder
    with tempfile.TemporaryDirectory(prefix="motcua-scan-") as tmp:
        args = [*_args(settings), f"--batch={os.path.join(tmp, 'p%04d.png')}", f"--batch-count={pages}"]
        code, stderr, hung = _run(args, TIMEOUT_PER_PAGE * pages, settings.device)
        errors = [ln for ln in stderr.splitlines() if ln.startswith("scanimage: ")]
        files = sorted(Path(tmp).glob("p*.png"))
        if (code != 0 and not (hung and not errors)) or len(files) < pages:
            raise _failure(settings, stderr, code)
        from PIL import Image

        images = []
        for path in files[:pages]:
            img = Image.open(io.BytesIO(path.read_bytes()))
            img.load()
            img.info["dpi"] = (settings.resolution, settings.resolution)
            images.append(img)
        return images


def _run(args: list[str], timeout: float, device: str) -> tuple[int, str, bool]:
    """Run ``scanimage``: its exit code, its messages, and whether it hung after its batch had ended.

    Why not ``subprocess.run``: a scanimage whose device failed mid-read sometimes says "Batch terminated" and then
    never exits (measured with SANE's test backend: 1-2 % of failed reads hang in the backend's clean-up). The scan
    is over at that line; waiting out the whole timeout would keep the clerk two minutes on a dead scanner.
    """
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, errors="replace")
    lines: list[str] = []
    ended = threading.Event()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line.rstrip("\n"))
            if line.startswith("Batch terminated"):
                ended.set()
        ended.set()

    reader = threading.Thread(target=read, name="scanimage-stderr", daemon=True)
    with proc:  # closes the pipe whatever happens
        reader.start()
        if not ended.wait(timeout):
            proc.kill()
            proc.wait()
            reader.join(5)
            raise AttachmentError(
                device,
                "máy quét không trả lời (quá thời gian chờ); kiểm tra máy rồi quét lại",
                "the scanner stopped answering (timed out); check it and scan again",
                environment=True,
            )
        hung = False
        try:
            code = proc.wait(EXIT_GRACE_S)
        except subprocess.TimeoutExpired:
            hung = True
            proc.kill()
            code = proc.wait()
        reader.join(5)
    return code, "\n".join(lines), hung
