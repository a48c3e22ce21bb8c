"""The "scan to folder" hot folder: files an office multifunction printer drops become pages, in name order.

Polling rather than file-system notifications: the folder is usually an SMB share the printer writes to, where
notifications are unreliable, and a poll every second costs nothing. A file is taken only when its size stopped
changing between two looks (the printer may still be writing it); once attached it moves to ``đã-nhận/`` (or to
``lỗi/`` with the reason beside it), so a second run never attaches the same page twice.

A page in ``đã-nhận/`` is a citizen's ID card or papers in clear, often on a share the printer writes to, while
its copy in the store is sealed: it is kept a day (for a clerk who needs the original file back) and removed by
the next run after that (``forget_done``; Decree 13/2023 keeps personal data no longer than needed). Its
modification time is set when it is moved there, so the day counts from the attach, not from the scan.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DONE_DIR = "đã-nhận"
FAILED_DIR = "lỗi"
DONE_KEEP_S = 24 * 3600  # how long an attached page's original stays in đã-nhận/
SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".pnm", ".pgm", ".ppm"}


@dataclass
class HotFolder:
    folder: Path
    settle_seconds: float = 1.0
    _sizes: dict[Path, tuple[int, float]] = field(default_factory=dict)

    def _candidates(self) -> list[Path]:
        try:
            entries = list(self.folder.iterdir())
        except FileNotFoundError:
            return []
        return sorted(
            (p for p in entries if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")),
            key=lambda p: (p.stat().st_mtime, p.name),
        )

    def ready(self, now: float | None = None) -> list[Path]:
        """Files whose size has not changed for ``settle_seconds`` (call repeatedly; the first look only notes)."""
        now = time.monotonic() if now is None else now
        out = []
        seen = {}
        for path in self._candidates():
            size = path.stat().st_size
            first = self._sizes.get(path)
            if first is None or first[0] != size:
                seen[path] = (size, now)
                continue
            seen[path] = first
            if now - first[1] >= self.settle_seconds and size > 0:
                out.append(path)
        self._sizes = seen
        return out

    def _move(self, path: Path, sub: str) -> Path:
        target_dir = self.folder / sub
        target_dir.mkdir(exist_ok=True)
        target = target_dir / path.name
        n = 1
        while target.exists():
            target = target_dir / f"{path.stem}-{n}{path.suffix}"
            n += 1
        os.replace(path, target)
        self._sizes.pop(path, None)
        return target

    def done(self, path: Path) -> Path:
        target = self._move(path, DONE_DIR)
        os.utime(target)  # the day it is kept counts from now
        return target

    def forget_done(self, keep_s: float = DONE_KEEP_S, now: float | None = None) -> list[Path]:
        """Remove the originals attached more than ``keep_s`` ago (their pages are in the store); returns them."""
        now = time.time() if now is None else now
        try:
            entries = list((self.folder / DONE_DIR).iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        gone = []
        for path in entries:
            try:
                if path.is_file() and now - path.stat().st_mtime > keep_s:
                    path.unlink()
                    gone.append(path)
            except OSError:
                continue  # held open by the printer or a viewer: the next run tries again
        return gone

    def failed(self, path: Path, reason: str) -> Path:
        target = self._move(path, FAILED_DIR)
        target.with_name(target.name + ".txt").write_text(reason + "\n", encoding="utf-8")
        return target


def watch(
    hot: HotFolder,
    handle: Callable[[list[Path]], None],
    *,
    once: bool = False,
    poll: float = 0.5,
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """Call ``handle`` with each batch of settled files; with ``once``, return after the files present now."""
    deadline_for_once = None
    while not stop():
        batch = hot.ready()
        if batch:
            handle(batch)
        if once:
            pending = hot._candidates()
            if not pending:
                return
            deadline_for_once = deadline_for_once or time.monotonic() + 30 + hot.settle_seconds
            if time.monotonic() > deadline_for_once:
                return
        time.sleep(poll)
