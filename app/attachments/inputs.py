"""Reading the files a clerk attaches: images (any Pillow format, multi-page TIFF) and PDFs, checked first.

Every check happens before anything is written, so one bad file among good ones rejects the whole command with a
message naming that file: too big, unreadable, corrupt, encrypted, or neither an image nor a PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.attachments.errors import AttachmentError

if TYPE_CHECKING:  # pikepdf and Pillow load on the first page read, not at the app's start
    from PIL import Image

MAX_INPUT_BYTES = 50 * 1024 * 1024  # a scanned dossier document is a few MB; 50 MB is a mistake, not a scan
# Below this many pixels on a side an image holds no legible page, and the PDF page would be smaller than
# viewers accept (3 points) at 1,200 dpi: refused with its size named rather than failing in the encoder.
MIN_SIDE = 50
MAX_PIXELS = 120_000_000  # A3 at 600 dpi is ~70 Mpx; above this, a decompression bomb


@dataclass
class PageSource:
    """One input page: a Pillow image to compress, or one page of a PDF kept as it is."""

    image: Image.Image | None = None
    pdf: bytes | None = None  # a whole PDF (all its pages are taken)
    pdf_pages: int = 0


def read_file(path: Path) -> list[PageSource]:
    """The pages of ``path``, or :class:`AttachmentError` naming the file and the reason."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise AttachmentError(name, "không có tệp này", "no such file") from None
    except OSError as exc:
        raise AttachmentError(name, f"không đọc được tệp ({exc.strerror})", f"cannot read ({exc.strerror})") from exc
    if path.is_dir():
        raise AttachmentError(name, "đây là thư mục, không phải tệp", "is a folder, not a file")
    if size > MAX_INPUT_BYTES:
        mb = MAX_INPUT_BYTES // (1024 * 1024)
        raise AttachmentError(
            name,
            f"tệp quá lớn ({size / 1048576:.0f} MB; tối đa {mb} MB một tệp)",
            f"file too large ({size / 1048576:.0f} MB; at most {mb} MB per file)",
        )
    if size == 0:
        raise AttachmentError(name, "tệp rỗng", "the file is empty")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AttachmentError(name, f"không đọc được tệp ({exc.strerror})", f"cannot read ({exc.strerror})") from exc
    return read_bytes(name, data)


def read_bytes(name: str, data: bytes) -> list[PageSource]:
    if data[:5] == b"%PDF-":
        return [_read_pdf(name, data)]
    return _read_image(name, data)


def _read_pdf(name: str, data: bytes) -> PageSource:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
    except pikepdf.PasswordError:
        raise AttachmentError(
            name, "PDF có mật khẩu (đã mã hóa); hãy bỏ mật khẩu rồi đính kèm lại", "the PDF is encrypted"
        ) from None
    except pikepdf.PdfError as exc:
        raise AttachmentError(name, "tệp PDF bị hỏng, không đọc được", f"corrupt PDF ({exc})") from None
    if count == 0:
        raise AttachmentError(name, "PDF không có trang nào", "the PDF has no pages")
    return PageSource(pdf=data, pdf_pages=count)


def _read_image(name: str, data: bytes) -> list[PageSource]:
    from PIL import Image, ImageOps, UnidentifiedImageError

    not_page = ("không phải ảnh hay PDF (hỗ trợ JPG, PNG, TIFF, BMP, PDF)", "not an image or a PDF")
    try:
        img = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise AttachmentError(name, *not_page) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentError(name, "ảnh quá lớn (quá nhiều điểm ảnh)", "image too large (too many pixels)") from None
    if img.width * img.height > MAX_PIXELS:
        raise AttachmentError(name, "ảnh quá lớn (quá nhiều điểm ảnh)", "image too large (too many pixels)")
    if min(img.size) < MIN_SIDE:  # an icon or a thumbnail picked by mistake: no page can be read from it
        raise AttachmentError(name, f"ảnh quá nhỏ ({img.width}×{img.height} điểm ảnh), không phải trang giấy quét",
                              f"image too small ({img.width}×{img.height} pixels) to be a scanned page")
    pages: list[PageSource] = []
    try:
        for index in range(getattr(img, "n_frames", 1)):
            img.seek(index)
            frame = ImageOps.exif_transpose(img.copy()) or img.copy()
            frame.load()
            dpi = img.info.get("dpi")
            if dpi:
                frame.info["dpi"] = dpi
            pages.append(PageSource(image=frame))
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise AttachmentError(name, "ảnh bị hỏng, không đọc hết được", f"corrupt image ({exc})") from None
    return pages
