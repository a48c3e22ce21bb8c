"""Windows scanners through WIA 2 (Windows Image Acquisition), the driver model every current scanner ships.

Why WIA over TWAIN: WIA is part of Windows and reached from Python through pywin32's COM support (already a
dependency on Windows for printing); TWAIN data sources are 32/64-bit DLLs with a message loop of their own, which
pytwain drives but which fail in odd ways when the bitness differs. NOT TESTED HERE: this module runs only on
Windows; the Linux CI exercises SANE. The COM calls follow Microsoft's WIA Automation Layer reference.
"""

from __future__ import annotations

import io
import os
import tempfile

from PIL import Image

from app.attachments.errors import AttachmentError
from app.scanning.temp_sweep import sweep_stale

WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
_RESOLUTION_X, _RESOLUTION_Y, _INTENT = "6147", "6148", "6146"  # WIA property ids
_INTENT_GREY, _INTENT_COLOUR, _INTENT_TEXT = 2, 1, 4


def list_devices() -> list[tuple[str, str]]:
    import win32com.client  # type: ignore[import-not-found]

    manager = win32com.client.Dispatch("WIA.DeviceManager")
    return [(info.DeviceID, info.Properties("Name").Value) for info in manager.DeviceInfos]


def load_transferred(image: object, resolution: int) -> Image.Image:
    """The page WIA transferred (its ``ImageFile`` can only be saved to a file): saved in a private temp folder,
    read into memory, and the folder removed, also on failure. It was left in %TEMP% for good: every citizen's
    scanned ID card and papers in clear, outside the encrypted store."""
    sweep_stale()  # and those earlier versions left, or a killed scan
    with tempfile.TemporaryDirectory(prefix="motcua-wia-", ignore_cleanup_errors=True) as tmp:
        path = os.path.join(tmp, "page.png")
        image.SaveFile(path)  # type: ignore[attr-defined]
        with open(path, "rb") as fh:
            img = Image.open(io.BytesIO(fh.read()))
        img.load()
    img.info["dpi"] = (resolution, resolution)
    return img


def scan(device_id: str, resolution: int = 300, mode: str = "Gray") -> Image.Image:
    import pywintypes  # type: ignore[import-not-found]
    import win32com.client  # type: ignore[import-not-found]

    try:
        manager = win32com.client.Dispatch("WIA.DeviceManager")
        info = next((i for i in manager.DeviceInfos if i.DeviceID == device_id), None)
        if info is None:
            raise AttachmentError(
                device_id, "không thấy máy quét đã chọn", "the chosen scanner is not connected", environment=True
            )
        item = info.Connect().Items[1]
        intent = {"Gray": _INTENT_GREY, "Color": _INTENT_COLOUR}.get(mode, _INTENT_TEXT)
        for prop, value in ((_INTENT, intent), (_RESOLUTION_X, resolution), (_RESOLUTION_Y, resolution)):
            item.Properties(prop).Value = value
        return load_transferred(item.Transfer(WIA_FORMAT_PNG), resolution)
    except pywintypes.com_error as exc:
        raise AttachmentError(
            device_id,
            "máy quét bị ngắt kết nối hoặc báo lỗi khi đang quét; kiểm tra cáp và nguồn rồi quét lại",
            f"the scanner disconnected or failed during the scan ({exc})",
            environment=True,
        ) from exc
