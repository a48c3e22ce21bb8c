"""The scan-to-folder originals do not stay in clear for good: a page's file in ``đã-nhận/`` (a citizen's ID card,
often on the printer's share) is removed by the first run a day after it was attached; its sealed copy is in
the store. A page attached today stays, and so does everything in ``lỗi/`` (not in the store)."""

from __future__ import annotations

import os
import shutil
import time

from app.scanning.hotfolder import DONE_DIR, DONE_KEEP_S, FAILED_DIR
from app.services import attachments as att
from app.services import scanning


def test_originals_attached_over_a_day_ago_are_removed(ctx, code, page_files, tmp_path):
    folder = tmp_path / "scan"
    folder.mkdir()
    shutil.copy(page_files["grey.png"], folder / "cccd-truoc.png")
    (folder / "hỏng.png").write_bytes(b"not a png")
    first = scanning.import_hot_folder(ctx, code, 1, folder, settle_seconds=0.1)
    assert first.attached == ["cccd-truoc.png"]
    kept = folder / DONE_DIR / "cccd-truoc.png"
    assert time.time() - kept.stat().st_mtime < 60, "the day counts from the attach, not from the scan"
    scanning.import_hot_folder(ctx, code, 1, folder, settle_seconds=0.1)  # the same day: still there
    assert kept.exists()
    old = time.time() - DONE_KEEP_S - 60
    os.utime(kept, (old, old))
    os.utime(folder / FAILED_DIR / "hỏng.png", (old, old))
    shutil.copy(page_files["bw.tif"], folder / "cccd-sau.tif")
    second = scanning.import_hot_folder(ctx, code, 1, folder, settle_seconds=0.1)
    assert second.attached == ["cccd-sau.tif"]
    assert sorted(p.name for p in (folder / DONE_DIR).iterdir()) == ["cccd-sau.tif"]
    assert (folder / FAILED_DIR / "hỏng.png").exists(), "a file that is not in the store is never removed"
    assert att.document_pages(ctx, code)[0].pages == 2, "both pages are in the store"
