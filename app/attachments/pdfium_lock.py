"""One lock around every use of pdfium in the process.

Why: pdfium is not thread-safe, not even on different documents (pypdfium2's documentation: no concurrent calls
from several threads). The desktop renders PDFs in three places that can overlap: page thumbnails on the worker,
thermal tickets rasterised on the worker, and a document painted for a Qt printer on the GUI thread. Each
holds this lock while it has a pdfium document open; the waits are short (one render each).
"""

from __future__ import annotations

import threading

PDFIUM = threading.Lock()
