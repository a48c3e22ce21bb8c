"""A dossier's scanned pages: the checklist with page counts, and the selected document's page thumbnails.

Keyboard-first like the rest of the counter: F8 scans the next page into the selected document from the scanner
chosen in settings; files dropped on the panel (or chosen with "Thêm tệp…") become pages in the order given.
Every change runs in the worker through :class:`~app.ui.ops.StoreOp` (compression and the scanner never block
the window) and the panel reloads from the store when it is done. Thumbnails are rendered from the stored PDF,
so the clerk sees exactly what was kept, and on the worker too (a 30-page document takes a noticeable time to
render): the newest request wins, a late answer for a document no longer shown is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.services import attachments as att
from app.services import scanning
from app.services.context import ServiceContext
from app.ui.banner import Banner
from app.ui.errors import user_message
from app.ui.ops import StoreOp
from app.ui.session import AppSession
from app.ui.widgets import make

SCAN_KEY = "F8"
FILE_FILTER = "Ảnh hoặc PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp)"


class RejectedFiles(Exception):
    """Some files of the scan folder were set aside (the good ones were attached)."""

    def __init__(self, rejected: list[tuple[str, str]]) -> None:
        super().__init__(rejected)
        self.rejected = rejected

    def user_message(self, lang: str = "vi") -> str:
        return "; ".join(reason for _, reason in self.rejected)


class FilePicker:
    """The file dialog, behind one class method so tests replace the dialog, not the world."""

    @classmethod
    def ask(cls, parent: QWidget) -> list[Path]:
        files, _ = QFileDialog.getOpenFileNames(parent, parent.tr("Chọn trang để đính kèm"), "", FILE_FILTER)
        return [Path(f) for f in files]


class PagesPanel(QWidget):
    def __init__(self, session: AppSession, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagesPanel")
        self.setAcceptDrops(True)
        self._session = session
        self.code = code
        self.docs: list[att.DocumentPages] = []
        self.busy = False
        self._shown = 0  # which thumbnail request is current: older answers are dropped
        self.banner = Banner(self)
        self.checklist = make(QListWidget, self, objectName="pagesChecklist")
        self.pages = make(QListWidget, self, objectName="pagesThumbnails")
        self.pages.setViewMode(QListWidget.ViewMode.IconMode)
        self.pages.setIconSize(QSize(120, 170))
        self.pages.setMovement(QListWidget.Movement.Static)
        buttons = QHBoxLayout()
        self.add_button = make(QPushButton, self.tr("Thêm tệp…"), self, objectName="pagesAdd")
        self.scan_button = make(QPushButton, self.tr("Quét trang tiếp (F8)"), self, objectName="pagesScan")
        self.folder_button = make(QPushButton, self.tr("Lấy từ thư mục quét"), self, objectName="pagesFolder")
        self.left_button = make(QPushButton, self.tr("◀ Lên trước"), self, objectName="pagesLeft")
        self.right_button = make(QPushButton, self.tr("Ra sau ▶"), self, objectName="pagesRight")
        self.rotate_button = make(QPushButton, self.tr("Xoay ↻"), self, objectName="pagesRotate")
        self.delete_button = make(QPushButton, self.tr("Xóa trang"), self, objectName="pagesDelete")
        for b in (
            self.add_button,
            self.scan_button,
            self.left_button,
            self.right_button,
            self.rotate_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.checklist, 1)
        body.addWidget(self.pages, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.scan_shortcut = QShortcut(QKeySequence(SCAN_KEY), self, self.scan_next)
        self.scan_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.checklist.currentRowChanged.connect(self._show_pages)
        self.add_button.clicked.connect(self.add_files_dialog)
        self.scan_button.clicked.connect(self.scan_next)
        self.folder_button.clicked.connect(self.import_scan_folder)
        self.left_button.clicked.connect(lambda: self.move_page(-1))
        self.right_button.clicked.connect(lambda: self.move_page(+1))
        self.rotate_button.clicked.connect(self.rotate_page)
        self.delete_button.clicked.connect(self.delete_page)
        self.reload()

    # -- reading -----------------------------------------------------------------------------------------
    def reload(self, select: int | None = None, page: int | None = None) -> None:
        """Re-read the checklist (keeping row ``select``) and the thumbnails (selecting ``page``, 0-based)."""
        row = select if select is not None else max(0, self.checklist.currentRow())
        ctx = ServiceContext(store=self._session.store, data_dir=self._session.data_dir, clock=self._session.clock)
        self.docs = att.document_pages(ctx, self.code)
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for d in self.docs:
            count = f"{d.pages} " + self.tr("trang") if d.pages else self.tr("chưa có ảnh")
            self.checklist.addItem(f"{d.position}. {d.name} — {count}")
        self.checklist.blockSignals(False)
        if self.docs:
            self.checklist.setCurrentRow(min(row, len(self.docs) - 1))
        self._show_pages(self.checklist.currentRow(), page)

    def document(self) -> int:
        """The selected checklist row, 1-based (the ``--document`` of the CLI)."""
        return self.checklist.currentRow() + 1

    def _show_pages(self, row: int, select: int | None = None) -> None:
        self.pages.clear()
        self._shown += 1
        shown = self._shown
        if not 0 <= row < len(self.docs) or not self.docs[row].sha256:
            return
        code, number = self.code, row + 1

        def render(ctx: ServiceContext) -> list[Any]:
            from app.attachments.thumbs import thumbnails  # pdfium and Pillow load with the first thumbnail

            return thumbnails(att.document_pdf(ctx, code, number) or b"", 170)

        def paint(images: list[Any]) -> None:
            if shown != self._shown or not isValid(self):
                return  # another document was chosen meanwhile, or the panel closed
            for page, image in enumerate(images, start=1):
                qimage = QImage(image.tobytes(), image.width, image.height, image.width,
                                QImage.Format.Format_Grayscale8)
                self.pages.addItem(QListWidgetItem(QPixmap.fromImage(qimage.copy()), str(page)))
            count = self.pages.count()
            self.pages.setCurrentRow(select if select is not None and 0 <= select < count else count - 1)

        def failed(exc: BaseException) -> None:
            if shown == self._shown and isValid(self):
                self.banner.show_message("error", user_message(exc, self._session.lang))

        StoreOp(self, self._session, render).success(paint).failure(failed).run()

    # -- writing -----------------------------------------------------------------------------------------
    def _run(self, op: Callable[[ServiceContext], Any], select_page: Callable[[], int] | None = None) -> None:
        if self.busy:
            return
        self.busy = True
        row = self.checklist.currentRow()
        self.banner.show_message("info", self.tr("Đang xử lý trang…"))

        def done(_: Any) -> None:
            self.busy = False
            self.banner.hide()
            self.reload(row, select_page() if select_page is not None else None)

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.reload(row)  # a scan-folder import may have attached the good files before a bad one
            self.banner.show_message("error", user_message(exc, self._session.lang))

        StoreOp(self, self._session, op).success(done).failure(failed).run()

    def add_files(self, files: list[Path]) -> None:
        code, position = self.code, self.document()
        if files and position >= 1:
            self._run(lambda ctx: att.attach_files(ctx, code, files, position))

    def add_files_dialog(self) -> None:
        self.add_files(FilePicker.ask(self))

    def scan_next(self) -> None:
        code, position = self.code, self.document()
        if position >= 1:
            self._run(lambda ctx: scanning.scan_into(ctx, code, position))

    def import_scan_folder(self) -> None:
        """Pages the office printer dropped in the "scan to folder" folder chosen in settings."""
        code, position, lang = self.code, self.document(), self._session.lang

        def op(ctx: ServiceContext) -> scanning.HotFolderReport:
            folder = scanning.scanner_settings(ctx).get("hot_folder") or ""
            if not folder:
                from app.domain.errors import ValidationError

                raise ValidationError("scanner", "chưa chọn thư mục quét trong cài đặt", "no scan folder set")
            report = scanning.import_hot_folder(ctx, code, position, Path(folder), settle_seconds=0.5, lang=lang)
            if report.rejected:
                raise RejectedFiles(report.rejected)
            return report

        if position >= 1:
            self._run(op)

    def _page(self) -> int:
        return self.pages.currentRow() + 1

    def rotate_page(self) -> None:
        code, position, page = self.code, self.document(), self._page()
        if page >= 1:
            self._run(lambda ctx: att.rotate_page(ctx, code, position, page), lambda: page - 1)

    def delete_page(self) -> None:
        code, position, page = self.code, self.document(), self._page()
        if page >= 1:
            self._run(lambda ctx: att.delete_page(ctx, code, position, page), lambda: max(0, page - 2))

    def move_page(self, step: int) -> None:
        code, position, page, count = self.code, self.document(), self._page(), self.pages.count()
        target = page + step
        if page < 1 or not 1 <= target <= count:
            return
        order = list(range(1, count + 1))
        order[page - 1], order[target - 1] = order[target - 1], order[page - 1]
        self._run(lambda ctx: att.reorder_pages(ctx, code, position, order), lambda: target - 1)

    # -- drops -------------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.add_files(files)
