"""Use cases of the scanner: choose it once (a setting), scan pages into a document, import a hot folder.

Scanned images go through the same compression and the same one-transaction attach as files
(``app.services.attachments``): a scan that fails half-way writes nothing, the dossier is untouched, and the
message names the scanner and the reason.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.attachments.errors import AttachmentError
from app.attachments.inputs import PageSource
from app.domain.errors import ValidationError
from app.scanning import sane
from app.scanning.hotfolder import HotFolder, watch
from app.services import attachments
from app.services.audited import audited
from app.services.context import ServiceContext
from app.store import settings

_MODES = {"grey": "Gray", "gray": "Gray", "colour": "Color", "color": "Color", "bw": "Lineart", "lineart": "Lineart"}


def scanner_settings(ctx: ServiceContext) -> dict[str, Any]:
    return dict(settings.get(ctx.store, "scanner") or {})


def choose_scanner(
    ctx: ServiceContext,
    device: str,
    resolution: int = 300,
    mode: str = "grey",
    source: str = "",
    hot_folder: str = "",
    options: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Save the scanner once for this counter PC (audited)."""
    if not 75 <= resolution <= 1200:
        raise ValidationError("scanner", "độ phân giải phải từ 75 đến 1200 dpi", "resolution must be 75–1200 dpi")
    if mode.lower() not in _MODES:
        raise ValidationError("scanner", f"chế độ “{mode}” không có (grey, bw, colour)", "mode: grey, bw or colour")
    value = {
        "device": device.strip(),
        "resolution": resolution,
        "mode": _MODES[mode.lower()],
        "source": source,
        "hot_folder": hot_folder,
        "options": list(options),
    }
    if not value["device"] and not hot_folder:
        raise ValidationError("scanner", "chưa chọn máy quét hay thư mục quét", "choose a scanner or a scan folder")
    with audited(ctx, "settings.scanner", "office", str(settings.get(ctx.store, "office_code")), value):
        settings.set_many(ctx.store, {"scanner": value})
    return value


def _sane_settings(chosen: dict[str, Any]) -> sane.ScanSettings:
    if not chosen.get("device"):
        raise ValidationError(
            "scanner", "chưa chọn máy quét: chạy “motcua scan --choose THIẾT-BỊ”", "no scanner chosen yet"
        )
    return sane.ScanSettings(
        device=chosen["device"],
        resolution=int(chosen.get("resolution", 300)),
        mode=chosen.get("mode", "Gray"),
        source=chosen.get("source", ""),
        extra=tuple(word for option in chosen.get("options", ()) for word in shlex.split(option)),
    )


def scan_images(chosen: dict[str, Any], pages: int = 1) -> list[Any]:
    """Page images from the configured scanner (SANE on Linux/macOS, WIA on Windows)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only, see app/scanning/wia.py
        from app.scanning import wia

        return [
            wia.scan(chosen["device"], int(chosen.get("resolution", 300)), chosen.get("mode", "Gray"))
            for _ in range(pages)
        ]
    return sane.scan(_sane_settings(chosen), pages)


def scan_into(ctx: ServiceContext, code: str, position: int, pages: int = 1) -> attachments.DocumentPages:
    """``motcua scan --document N CODE``: scan, compress, append; nothing written if the scanner fails."""
    attachments.check_target(ctx, code, position)
    chosen = scanner_settings(ctx)
    images = scan_images(chosen, pages)
    pdfs = attachments.pages_from_images(chosen.get("device", "scanner"), [PageSource(image=i) for i in images])
    return attachments.attach(ctx, code, position, pdfs)


@dataclass
class HotFolderReport:
    attached: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    document: attachments.DocumentPages | None = None


def import_hot_folder(
    ctx: ServiceContext,
    code: str,
    position: int,
    folder: Path,
    *,
    once: bool = True,
    settle_seconds: float = 1.0,
    stop: Callable[[], bool] = lambda: False,
    lang: str = "vi",
) -> HotFolderReport:
    """Attach the files dropped in ``folder`` to one document, in order; a bad file goes to ``lỗi/`` alone."""
    attachments.check_target(ctx, code, position)
    if not folder.is_dir():
        raise ValidationError("scanner", f"không có thư mục quét {folder}", f"no scan folder {folder}")
    hot = HotFolder(folder, settle_seconds=settle_seconds)
    hot.forget_done()  # originals attached over a day ago: in clear beside sealed copies
    report = HotFolderReport()

    def handle(batch: list[Path]) -> None:
        for path in batch:
            try:
                pdfs = attachments.pages_from_files([path])
            except AttachmentError as exc:
                hot.failed(path, exc.user_message(lang))
                report.rejected.append((path.name, exc.user_message(lang)))
                continue
            report.document = attachments.attach(ctx, code, position, pdfs)
            hot.done(path)
            report.attached.append(path.name)

    watch(hot, handle, once=once, poll=min(0.5, settle_seconds / 2 or 0.1), stop=stop)
    return report
