"""Opening the store after the clerk's window is on screen, off the GUI thread, with its steps shown.

Why after the window: the key store (``keyring`` and its imports), SQLCipher, the schema check and the catalogue
check were about a third of the start, and a clerk looks at the sign-in page long before signing in. Why off
the GUI thread: encrypting a legacy store or migrating an old one takes minutes on a large store, and the window
must keep repainting and saying what it is doing (the steps reach the sign-in page through :attr:`step`).

The opening is the first job of the session's :class:`~app.ui.tasks.TaskManager`, so any job queued after it
(a sign-in) runs after it; the window refuses to queue one before :attr:`AppSession.opened` anyway. What can go
wrong (wrong key, a store locked by another process, a full disk, a newer schema) comes back to ``on_failure``
as the store's own exception, for one clear sentence, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.store.db import Store
    from app.ui.session import AppSession

STEP_TEXT = {  # (Vietnamese, English) for each step of a long opening: encryption (app.store.encrypt), migration
    "start": ("Đang mã hóa dữ liệu của máy lần đầu (dữ liệu lớn có thể mất vài phút). Xin đừng tắt máy…",
              "Encrypting this PC's data for the first time (large data may take minutes). Please do not switch off…"),
    "locked": ("Đang chép dữ liệu sang tệp mã hóa…", "Copying the data into the encrypted file…"),
    "exported": ("Đang lưu một bản sao phòng khi cần…", "Keeping a safety copy…"),
    "backup": ("Đang thay tệp dữ liệu…", "Replacing the data file…"),
    "replaced": ("Đang mã hóa các bản sao lưu…", "Encrypting the backups…"),
    "migrate": ("Đang nâng cấp dữ liệu lên phiên bản mới (đã sao lưu trước; dữ liệu lớn có thể mất vài phút). "
                "Xin đừng tắt máy…",
                "Upgrading the data to the new version (backed up first; large data may take minutes). "
                "Please do not switch off…"),
}


def step_text(step: str, lang: str) -> str:
    """The sentence for ``step`` in ``lang``; an unknown step reads as the start of a long opening."""
    pair = STEP_TEXT.get(step, STEP_TEXT["start"])
    return pair[1] if lang == "en" else pair[0]


class StoreOpener(QObject):
    """Opens the session's store in its worker; ``step`` carries the sentence of each long step (GUI thread)."""

    step = Signal(str)

    def __init__(self, session: AppSession, demo: bool = False) -> None:
        super().__init__(session)
        self._session = session
        self._demo = demo
        self.late: Store | None = None  # opened after the event loop ended (closed by the caller)

    def start(self, on_success: Callable[[Store], None], on_failure: Callable[[BaseException], None]) -> None:
        self._session.tasks.run(self._open, on_success, on_failure)

    def _open(self) -> Store:
        """Worker thread: the demo office if asked, then the store (encrypted and migrated on the way)."""
        from app.services.setup import open_store
        from app.ui.encrypt_progress import needs_encryption

        data_dir = Path(self._session.data_dir)
        if self._demo:
            from app.services.demo import seed_demo

            seed_demo(data_dir)
        if needs_encryption(data_dir):
            self._say("start")
        store = open_store(data_dir, on_step=self._say)
        self.late = store  # until the GUI thread takes it (see launch.run_gui)
        return store

    def _say(self, step: str) -> None:
        self.step.emit(step_text(step, self._session.lang))  # queued to the GUI thread: the opener lives there
