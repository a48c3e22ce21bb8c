"""Searchable text for attachments, made on the central server (never on the counter's PC): OCRmyPDF + Tesseract.

One background thread per server process takes attachments whose upload completed (``ocr_state = 'pending'``),
runs ``ocrmypdf -l vie`` on them in a child process (a crash or hang of Tesseract costs the child, not the
server), and stores the searchable PDF and its text. A claim marks the row ``running`` in a transaction, so
several server workers never OCR the same file; rows a killed server left ``running`` are queued again at start.
Without ``ocrmypdf`` installed the rows are marked ``unavailable`` and nothing else changes.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from sync import temp_folders
from sync.server import attachment_store as store
from sync.server.db import Database

log = logging.getLogger("motcua.central.ocr")
LANGUAGES = "vie+eng"
TIMEOUT_SECONDS = 600
TEMP_PREFIX = "motcua-ocr-"  # holds the scanned document and its text in clear while OCRmyPDF works


def ocr_pdf(data: bytes, languages: str = LANGUAGES) -> tuple[bytes, str]:
    """The searchable PDF and its text; raises RuntimeError with OCRmyPDF's reason."""
    exe = shutil.which("ocrmypdf")
    if exe is None:
        raise FileNotFoundError("ocrmypdf is not installed")
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:
        src, out, text = Path(tmp, "in.pdf"), Path(tmp, "out.pdf"), Path(tmp, "text.txt")
        src.write_bytes(data)
        proc = subprocess.run(
            [
                exe,
                "-q",
                "-l",
                languages,
                "--skip-text",
                "--jobs",
                "1",
                "--optimize",
                "0",
                "--output-type",
                "pdf",
                "--sidecar",
                str(text),
                str(src),
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError((proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1])
        return out.read_bytes(), text.read_text(encoding="utf-8", errors="replace") if text.is_file() else ""


class OcrWorker:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="ocr", daemon=True)

    def start(self) -> OcrWorker:
        temp_folders.sweep_stale((TEMP_PREFIX,))  # what a killed server's OCR left: see run_one
        store.ensure_schema(self.database)
        with self.database.transaction() as tx:
            store.requeue_running(tx)
        self._thread.start()
        self._wake.set()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(30)
            self._wake.clear()
            while not self._stop.is_set() and self.run_one():
                pass

    def run_one(self) -> bool:
        """OCR one pending attachment; False when none waits.

        Before it, the folders of a killed server's OCR go (the scanned document and its text in clear), as at
        start: its OCRmyPDF child may go on writing there after a restart. An OCR takes at most TIMEOUT_SECONDS,
        so a folder older than temp_folders.STALE_S is nobody's work under way. Not on an idle poll: the temp
        folder is listed only when there is OCR to do."""
        with self.database.transaction() as tx:
            job = store.claim_ocr(tx)
        if job is None:
            return False
        temp_folders.sweep_stale((TEMP_PREFIX,))
        pdf, text, state, error = None, "", "done", ""
        try:
            pdf, text = ocr_pdf(bytes(job["content"]))
        except FileNotFoundError as exc:
            state, error = "unavailable", str(exc)
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
            state, error = "failed", str(exc)
            log.warning("ocr failed", extra={"fields": {"attachment": job["id"], "error": error}})
        with self.database.transaction() as tx:
            store.finish_ocr(tx, job["id"], job["sha256"], state, pdf, text, error)
        return True


def start_worker(database: Database) -> OcrWorker | None:
    """The worker of this server process, unless ``MOTCUA_CENTRAL_OCR=0`` turns OCR off."""
    if os.environ.get("MOTCUA_CENTRAL_OCR", "1") == "0":
        return None
    return OcrWorker(database).start()
