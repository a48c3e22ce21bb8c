"""A scanned page passes through the temp folder and leaves nothing there: WIA saves its page to a file (the
only way its ``ImageFile`` gives it up); that file is a citizen's ID card or papers in clear, outside the
encrypted store, so it is removed once read, and when reading fails.

WIA itself runs only on Windows; the object here plays the part of WIA's ``ImageFile`` (``SaveFile(path)``
writes a real PNG), so the temp-file handling of :func:`app.scanning.wia.load_transferred` runs as it does there.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image

from app.scanning import wia
from app.scanning.temp_sweep import STALE_S
from app.services import scanning


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


def _left(temp: Path, name: str, age_s: float) -> Path:
    folder = temp / name
    folder.mkdir()
    (folder / "page.png").write_bytes(b"a citizen's ID card")
    then = time.time() - age_s
    os.utime(folder, (then, then))
    return folder


@pytest.mark.parametrize("through", ["wia", "sane"])
def test_the_next_scan_removes_what_a_killed_scan_left(system_temp: Path, ctx, code, through: str) -> None:
    killed = _left(system_temp, "motcua-scan-killed", STALE_S + 60)
    old_wia = _left(system_temp, "motcua-wia-fromanolderversion", 30 * 24 * 3600)
    running = _left(system_temp, "motcua-scan-running", 5)  # another process's scan under way
    other = _left(system_temp, "another-program", STALE_S + 60)
    if through == "wia":
        wia.load_transferred(SavedPage(), 300)
    else:
        if not shutil.which("scanimage"):
            pytest.skip("sane-utils not installed")
        scanning.choose_scanner(ctx, "test:0", 150, "grey", options=("--test-picture Grid -x 50 -y 50",))
        assert scanning.scan_into(ctx, code, 1).pages == 1
    assert not killed.exists() and not old_wia.exists()
    assert sorted(p.name for p in system_temp.iterdir()) == sorted([running.name, other.name])
