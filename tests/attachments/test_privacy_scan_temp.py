"""A scanned page passes through the temp folder and leaves nothing there: WIA saves its page to a file (the
only way its ``ImageFile`` gives it up); that file is a citizen's ID card or papers in clear, outside the
encrypted store, so it is removed once read, and when reading fails.

WIA itself runs only on Windows; the object here plays the part of WIA's ``ImageFile`` (``SaveFile(path)``
writes a real PNG), so the temp-file handling of :func:`app.scanning.wia.load_transferred` runs as it does there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from app.scanning import wia


class SavedPage:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def SaveFile(self, path: str) -> None:  # WIA's name
        Image.new("L", (200, 300), 200).save(path)
        if self.fail:
            raise OSError("disk full while saving")


def test_the_page_is_read_and_nothing_stays_in_the_temp_folder(system_temp: Path) -> None:
    img = wia.load_transferred(SavedPage(), 300)
    assert img.size == (200, 300) and img.info["dpi"] == (300, 300)
    assert list(system_temp.iterdir()) == []


def test_a_failed_save_leaves_nothing_either(system_temp: Path) -> None:
    with pytest.raises(OSError, match="disk full"):
        wia.load_transferred(SavedPage(fail=True), 300)
    assert list(system_temp.iterdir()) == []
