"""Turning any failure into a plain message for the clerk, and keeping the details in a log file.

Why: DESIGN.md says no traceback ever reaches a user. Failures we raise on purpose carry their own words in
Vietnamese and English (bad input, a full disk, a missing dossier, a printer problem); anything else is our bug:
the clerk sees one calm sentence and the traceback goes to ``<data dir>/logs/ui.log`` for the supervisor.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import DomainError
from app.store.errors import EnvironmentStoreError, NotFoundError

if TYPE_CHECKING:
    from app.ui.session import AppSession

log = logging.getLogger("motcua.ui")
_unowned: list[QMessageBox] = []  # error boxes shown with no parent window, kept until answered


def is_expected(exc: BaseException) -> bool:
    """True for failures that are not bugs: their message is meant for the user."""
    if isinstance(exc, DomainError | EnvironmentStoreError | NotFoundError):
        return True
    return hasattr(exc, "user_message")  # app.printing's PrintError family


def user_message(exc: BaseException, lang: str = "vi") -> str:
    """The sentence to show for ``exc`` in ``lang``; a generic one for bugs."""
    if isinstance(exc, DomainError | EnvironmentStoreError | NotFoundError) and hasattr(exc, "message"):
        return str(exc.message(lang))
    if hasattr(exc, "user_message"):
        return str(exc.user_message(lang))
    if isinstance(exc, OSError):
        text = exc.strerror or str(exc)
        return (f"Lỗi tệp hoặc ổ đĩa: {text}" if lang == "vi" else f"File or disk error: {text}")
    return QCoreApplication.translate(
        "Errors", "Đã xảy ra lỗi ngoài dự kiến; dữ liệu đã nhập vẫn được giữ. Chi tiết đã ghi vào nhật ký.")


def log_exception(data_dir: Path | None, exc: BaseException) -> None:
    """Append the traceback to ``<data dir>/logs/ui.log`` (and to the Python log)."""
    from app.services.logs import scrub  # a bug's message may echo a typed ID number or phone

    text = scrub("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)), set())
    log.error("unexpected error\n%s", text)
    if data_dir is None:
        return
    try:
        folder = Path(data_dir) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "ui.log", "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        pass  # the log is a courtesy; never fail while reporting a failure


def show_error(parent: QWidget | None, session: AppSession | None, exc: BaseException) -> QMessageBox:
    """Show ``exc`` in a window-modal box that does not block the event loop; log it when it is a bug."""
    lang = session.lang if session is not None else "vi"
    if not is_expected(exc):
        log_exception(session.data_dir if session is not None else None, exc)
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Errors", "Không thực hiện được"),
                      user_message(exc, lang), QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("errorBox")
    if parent is None:  # nothing owns it: without this reference Python would delete it before it is seen
        _unowned.append(box)
        box.finished.connect(lambda _r, b=box: _unowned.remove(b) if b in _unowned else None)
    box.open()
    return box
