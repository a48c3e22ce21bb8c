"""On the intake form: this PC's clock is off the server's, so the receipt about to be printed would be wrong.

Why here and not only in the status bar: the dossier's code (its date), the received time on the receipt and the
due date all come from the PC's clock. A clerk whose PC is a day ahead (a flat CMOS battery resets it at every
boot) would hand out receipts dated tomorrow while the status bar's small red note went unread. The sync measures
the offset on every answer (server minus PC, ``SyncState.clock_skew_s``). Above 5 minutes the form shows it in a
red strip; above an hour receiving asks first, naming both times. It never blocks: the last measurement may be
stale (the clock may have been set right since, with no network to measure it again), and the clerk can see the
wall clock. The form's own clock is the app's; the server's time is the app's time plus the measured offset.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QLabel, QWidget

from app.ui.dialogs import Confirm
from app.ui.format import clock_gap, short_dt
from app.ui.status_bar import CLOCK_SKEW_WARN_S

CONFIRM_S = 3600  # an hour off: the working-hours cut-off, the due date and near midnight the code's date move


class ClockNote(QLabel):
    """A red strip above the form while the last measured offset is over 5 minutes; hidden otherwise."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setObjectName("clockNote")
        self.setWordWrap(True)
        self.setStyleSheet("background: #fde0dc; color: #a4161a; padding: 4px 8px; font-weight: bold;")
        self.skew_s: float | None = None
        self.hide()

    def set_skew(self, skew_s: float | None) -> None:
        self.skew_s = skew_s
        if skew_s is None or abs(skew_s) <= CLOCK_SKEW_WARN_S:
            self.hide()
            return
        self.setText(self.tr("⚠ Đồng hồ máy này {gap} so với máy chủ (đo khi đồng bộ lần cuối). Ngày giờ tiếp "
                             "nhận, mã hồ sơ và ngày hẹn trả lấy theo đồng hồ này: hãy chỉnh lại đồng hồ máy tính."
                             ).format(gap=clock_gap(skew_s, self._lang)))
        self.show()

    def confirm_receive(self, now: datetime) -> bool:
        """True to go on: the offset is small (or unknown), or the clerk says yes knowing both times."""
        skew_s = self.skew_s
        if skew_s is None or abs(skew_s) < CONFIRM_S:
            return True
        server = now + timedelta(seconds=skew_s)
        return Confirm.ask(
            self.window(),
            self.tr("Đồng hồ máy bị lệch"),
            self.tr("Đồng hồ máy này {gap} so với máy chủ.\nGiờ trên máy: {pc}\nGiờ máy chủ (ước tính): {server}"
                    "\n\nBiên nhận sẽ ghi ngày giờ theo đồng hồ máy này. Vẫn tiếp nhận?").format(
                gap=clock_gap(skew_s, self._lang), pc=short_dt(now), server=short_dt(server)),
        )
