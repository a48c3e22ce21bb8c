"""The status bar: where this PC is (office, counter), who is working, sync state and backup age.

Why always visible: a clerk must notice at a glance that the network has been down all morning (dossiers pile
up unsent) or that nobody has backed up for days, long before either becomes a lost day of work. Until the
sync engine reports, the state is "offline, N pending" from the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from app.ui.format import clock_gap, short_dt
from app.ui.session import AppSession
from app.ui.widgets import make

BACKUP_MAX_AGE = timedelta(days=1)
CLOCK_SKEW_WARN_S = 300


@dataclass(frozen=True)
class SyncState:
    """What the sync engine last reported (online, last success, device clock offset)."""

    online: bool = False
    last_sync: datetime | None = None
    clock_skew_s: float | None = None


class CounterStatusBar(QStatusBar):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._sync = SyncState()
        self.office = make(QLabel, self, objectName="statusOffice")
        self.counter = make(QLabel, self, objectName="statusCounter")
        self.clerk = make(QLabel, self, objectName="statusClerk")
        self.sync = make(QLabel, self, objectName="statusSync")
        self.backup = make(QLabel, self, objectName="statusBackup")
        self.note = make(QLabel, self, objectName="statusNote")  # what just happened; cleared after a while
        self.note.setStyleSheet("color: #1b4f9c;")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # see _fit_office
        self._note_timer = make(QTimer, self, singleShot=True, timeout=self._clear_note)
        self.office.setMinimumWidth(80)
        for label in (self.office, self.counter, self.clerk, self.note):
            self.addWidget(label)
        self.addPermanentWidget(self.sync)
        self.addPermanentWidget(self.backup)
        self.refresh()

    def _fit_office(self) -> None:
        """The office name, then the passing note, in the room the other parts leave (issue 17: a fixed 420 px cut
        the name at normal size and overlapped the sync state in large text); each cut only when there truly is
        no room. The note never widens the bar: under Wine a backup note with a long Windows path made the main
        window wider than a 1366 px screen, cutting off its right edge (the procedure filter, the last column)."""
        fixed = sum(w.sizeHint().width() + 12 for w in (self.counter, self.clerk, self.sync, self.backup)
                    if not w.isHidden())
        note = getattr(self, "_note_text", "")
        note_wants = min(self.note.fontMetrics().horizontalAdvance(note), 240) + 12 if note else 0
        text = getattr(self, "_office_text", "")
        room = max(80, self.width() - fixed - note_wants - 40)
        self.office.setText(self.office.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room))
        left = max(40, self.width() - fixed - self.office.sizeHint().width() - 12 - 40)
        # the middle goes: the start says what happened, the end names the file
        self.note.setText(self.note.fontMetrics().elidedText(note, Qt.TextElideMode.ElideMiddle, left))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_office()

    def say(self, text: str, msecs: int = 10_000) -> None:
        """A short note beside the clerk's name (QStatusBar's own messages would cover the office and clerk); the
        whole of it in the tooltip when it had to be shortened."""
        self._note_text = text
        self.note.setToolTip(text)
        self._note_timer.start(msecs)
        self._fit_office()

    def _clear_note(self) -> None:
        self._note_text = ""
        self.note.setToolTip("")
        self.note.clear()

    def set_sync_state(self, state: SyncState) -> None:
        self._sync = state
        self.refresh_sync()

    @property
    def sync_state(self) -> SyncState:
        return self._sync

    def refresh(self) -> None:
        if not self._session.is_open:  # the window is up before the store (see MainWindow._loading)
            self._office_text = self.tr("Đang mở dữ liệu…")
            self._fit_office()
            return
        from app.services import ui_support  # with the store: imported once it is open

        info = ui_support.office_info(self._session.store)
        office = self.tr("{name} ({code})").format(name=info.name or "—", code=info.code or "—")
        self.office.setToolTip(office)
        self._office_text = info.name or "—"  # the code is in the tooltip: the name is what the clerk reads
        self._fit_office()
        self.counter.setText(self.tr("Quầy {n}").format(n=info.counter))
        actor = self._session.actor
        self.clerk.setText(self.tr("Cán bộ: {name}").format(name=actor.full_name or actor.username)
                           if actor else self.tr("Chưa đăng nhập"))
        self.refresh_sync()
        self.refresh_backup()

    def refresh_sync(self) -> None:
        if not self._session.is_open:
            return
        from app.services import ui_support

        pending = ui_support.pending_events(self._session.store)
        state = self._sync
        if state.online:
            text = self.tr("● Trực tuyến, {n} chờ gửi").format(n=pending)
            colour = "#1b6b35"
        else:
            text = self.tr("● Ngoại tuyến, {n} chờ gửi").format(n=pending)
            colour = "#7a5200"
        if state.last_sync is not None:
            text += self.tr(" — đồng bộ lần cuối {at}").format(at=short_dt(state.last_sync))
        if state.clock_skew_s is not None and abs(state.clock_skew_s) > CLOCK_SKEW_WARN_S:
            text += self.tr(" — ⚠ đồng hồ máy {gap}").format(gap=clock_gap(state.clock_skew_s, self._session.lang))
            colour = "#a4161a"
        self.sync.setText(text)
        self.sync.setStyleSheet(f"color: {colour};")

    def refresh_backup(self) -> None:
        from app.services import ui_support

        last = ui_support.latest_backup(self._session.data_dir)
        now = self._session.clock.now()
        if last is not None and now - last <= BACKUP_MAX_AGE:
            self.backup.setText(self.tr("Sao lưu: {at}").format(at=short_dt(last)))
            self.backup.setStyleSheet("")
            return
        text = (self.tr("⚠ Chưa sao lưu lần nào") if last is None
                else self.tr("⚠ Sao lưu đã cũ: {at}").format(at=short_dt(last)))
        self.backup.setText(text)
        self.backup.setStyleSheet("background: #fde0dc; color: #a4161a; padding: 1px 6px; font-weight: bold;")
