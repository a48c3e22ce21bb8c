"""Thumbnails of a document's pages, rendered from its PDF with pdfium (pypdfium2, already in the bundle).

Rendering from the stored PDF (not from the scanner's image) shows the clerk exactly what was kept: the
compressed page, with its rotation. The panel calls this on the worker (a long document takes a while), under
the process's pdfium lock.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image

from app.attachments.pdfium_lock import PDFIUM

THUMB_HEIGHT = 160


def thumbnails(pdf: bytes, height: int = THUMB_HEIGHT, pages: list[int] | None = None) -> list[Image.Image]:
    """One small image per page (1-based ``pages``; all when None)."""
    with PDFIUM:
        return _render(pdf, height, pages)


def _render(pdf: bytes, height: int, pages: list[int] | None) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        out = []
        for number in numbers:
            page = doc[number - 1]
            try:
                _w, h = page.get_size()  # points, after /Rotate
                bitmap = page.render(scale=height / h, grayscale=True, draw_annots=False)
                out.append(bitmap.to_pil())
            finally:
                page.close()
        return out
    finally:
        doc.close()
