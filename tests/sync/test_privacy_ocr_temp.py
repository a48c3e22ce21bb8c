"""The server's OCR passes each scanned document through the system temp folder (OCRmyPDF reads and writes
files): a killed server left the document, its searchable copy and its text there in clear, for good (a run of
this test suite alone had left over a thousand such folders). The next OCR removes them."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sync import temp_folders
from sync.server import ocr, schema
from sync.server.db import Database


def _folder(temp: Path, name: str, age_s: float) -> Path:
    folder = temp / name
    folder.mkdir()
    (folder / "in.pdf").write_bytes(b"%PDF-1.4 a citizen's ID card")
    (folder / "text.txt").write_text("CĂN CƯỚC 001085012345", encoding="utf-8")
    old = time.time() - age_s
    os.utime(folder, (old, old))
    return folder


def test_the_next_ocr_removes_what_a_killed_server_left(system_temp: Path, tmp_path: Path) -> None:
    stale = _folder(system_temp, ocr.TEMP_PREFIX + "killed", temp_folders.STALE_S + 60)
    running = _folder(system_temp, ocr.TEMP_PREFIX + "running", ocr.TIMEOUT_SECONDS)  # another worker's, under way
    other = _folder(system_temp, "someone-else", temp_folders.STALE_S * 2)  # not ours
    db = Database(f"sqlite:///{tmp_path / 'central.sqlite3'}", pool_size=1)
    try:
        schema.migrate(db)
        ocr.OcrWorker(db).start().stop()  # a server starting again after the kill, nothing to OCR
    finally:
        db.close()
    assert not stale.exists()
    assert running.is_dir() and other.is_dir()
