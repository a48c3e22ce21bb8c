"""One running hub per folder: an exclusive lock on ``hub.lock`` held by the serving process.

Why an OS lock and not a "pid file exists" check: the operating system drops the lock when the process dies,
SIGKILL and power cuts included, so a stale file never blocks a restart; two processes can never both hold it.
The file also names the holder's pid, for the refusal message.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO


class HubBusyError(RuntimeError):
    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"another hub process ({holder or 'pid unknown'}) already serves {path.parent}")
        self.holder = holder


class HubLock:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fh: IO[str] | None = None

    def acquire(self) -> HubLock:
        fh = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 - held open as long as the hub runs
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            raise HubBusyError(self.path, holder) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()  # closing drops the lock
            self._fh = None

    def __enter__(self) -> HubLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def hold(path: Path, vi: str, en: str) -> HubLock:
    """The lock, or a :class:`~sync.hub.errors.HubError` (exit 3) whose sentences have ``{holder}`` filled in."""
    from sync.hub.errors import HubError

    try:
        return HubLock(path).acquire()
    except HubBusyError as exc:
        holder = exc.holder or "pid unknown"
        raise HubError(vi.replace("{holder}", holder), en.replace("{holder}", holder), exit_code=3) from None


def _lock(fh: IO[str]) -> None:
    if os.name == "nt":
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
