"""The waiting-room screen: who is being served at each counter, the last calls, and a spoken call.

Two sources. On one PC (no hub) it polls: the screen may run in its own process (``motcua --display``) while
the clerks and the kiosk write to the same SQLite file; every half second it asks for the queue events after
the last one it has seen (one indexed read) and announces each new call exactly once. On a PC enrolled with
an office hub it follows the hub's call stream (:class:`~app.ui.queue.hub_feed.HubFeed`): each call is pushed
to it and spoken as it arrives; when the stream is lost the screen clears the calls and says so plainly,
rather than show numbers that may be stale, until the feed is back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QHideEvent, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from app.services.queue_board import Board, Call, board, last_event_seq, new_calls
from app.store import tickets
from app.ui.keys import key_sequence
from app.ui.queue.announcer import Announcer
from app.ui.queue.hub_feed import HubFeed
from app.ui.queue.widgets import clear_layout, label
from app.ui.session import AppSession

POLL_MS = 500
FLASH_MS = 10_000  # the newest call stays highlighted this long
LAST_CALLS = 6
EXIT_KEYS = "Ctrl+Alt+Q"


class DisplayWindow(QWidget):
    """Full-screen board for a TV; ``refresh()`` is what the timer calls (tests call it directly)."""

    def __init__(
        self,
        session: AppSession,
        announcer: Announcer,
        poll_ms: int = POLL_MS,
        parent: QWidget | None = None,
        feed: HubFeed | None = None,
    ) -> None:
        super().__init__(parent, objectName="displayWindow")
        self.session = session
        self.announcer = announcer
        announcer.setParent(self)  # the voice lives and stops with the screen
        self.setWindowTitle(self.tr("MotCua — Màn hình gọi số"))
        self._seen = last_event_seq(session.store)  # calls made before the screen started are not spoken
        self._board: Board | None = None
        self.feed = feed
        self.hub_lost = False
        self._hub_counters: list[int] = []

        office = str(session.setting("office_name")) or self.tr("Bộ phận Một cửa")
        header = QFrame(self, objectName="displayHeader")
        top = QHBoxLayout(header)
        top.addWidget(label(office.upper(), "displayOffice", header, Qt.AlignmentFlag.AlignLeft), 1)
        self.clock = label("", "displayClock", header, Qt.AlignmentFlag.AlignRight)
        top.addWidget(self.clock)

        body = QWidget(self)
        columns = QHBoxLayout(body)
        self.counters = QFrame(body, objectName="countersPanel")
        self.counter_grid = QGridLayout(self.counters)
        self.calls = QFrame(body, objectName="callsPanel")
        self.calls_box = QVBoxLayout(self.calls)
        columns.addWidget(self.counters, 3)
        columns.addWidget(self.calls, 2)

        self.flash = label("", "flashBanner", self)
        self.flash.hide()
        self.footer = label("", "displayFooter", self, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.footer.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # full screen: never resized by content
        layout.addWidget(header)
        layout.addWidget(body, 1)
        layout.addWidget(self.flash)
        layout.addWidget(self.footer)

        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self.refresh)
        QShortcut(key_sequence(EXIT_KEYS), self, activated=self.close)
        if feed is not None:
            feed.board.connect(self._hub_board)
            feed.calls.connect(self._hub_calls)
            feed.lost.connect(self._hub_lost)
            self._hub_lost("connecting")
            feed.start()
        self.refresh(force=True)

    def today(self) -> date:
        return self.session.clock.now().date()

    # -- data ----------------------------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Announce new calls and redraw when the queue changed (or every call when ``force``)."""
        now = self.session.clock.now()
        self.clock.setText(now.strftime("%H:%M"))
        if self.feed is not None:
            return  # the hub pushes what changed
        seq = last_event_seq(self.session.store)
        if seq == self._seen and not force:
            return
        for call in new_calls(self.session.store, now.date(), self._seen):
            self._announce(call)
        self._seen = seq
        self._board = board(self.session.store, now.date(), LAST_CALLS)
        self.announcer.mode = str(tickets.get_setting(self.session.store, "voice"))
        self.announcer.chime = bool(tickets.get_setting(self.session.store, "chime"))
        self._draw(self._board)

    # -- the hub's stream ----------------------------------------------------------------------------------------
    def _hub_board(self, data: dict) -> None:
        self.hub_lost = False
        self._hub_counters = [int(c) for c in data.get("counters", [])]
        self._board = board_from_hub(data)
        self.announcer.mode = str(data.get("voice", "clips"))
        self.announcer.chime = bool(data.get("chime", True))
        if self.flash.objectName() == "lostBanner":
            self.flash.setObjectName("flashBanner")
            self.flash.hide()
        self._draw(self._board)

    def _hub_calls(self, calls: list) -> None:
        for c in calls:
            self._announce(Call(int(c["seq"]), str(c["number"]), int(c["counter"]), str(c["at"]), bool(c["recall"])))

    def _hub_lost(self, reason: str) -> None:
        """No calls shown that may be stale: an empty board and a plain sentence until the stream is back."""
        self.hub_lost = True
        self._flash_timer.stop()
        self._board = Board(day="", serving=(), last_calls=())
        self._draw(self._board)
        self.flash.setObjectName("lostBanner")
        self.flash.setText(self.tr("Mất kết nối với máy chủ hàng đợi — đang kết nối lại…"))
        self.flash.show()
        self._restyle()

    def _end_flash(self) -> None:
        """The newest call stops standing out: banner hidden, its counter drawn like the others."""
        self.flash.hide()
        if self._board is not None:
            self._draw(self._board)

    def _announce(self, call: Call) -> None:
        if self.flash.objectName() == "lostBanner":
            self.flash.setObjectName("flashBanner")
        self.announcer.announce(call.number, call.counter)
        self.flash.setText(
            self.tr("Mời số {number} đến quầy {counter}").format(number=call.number, counter=call.counter)
        )
        self.flash.show()
        self._flash_timer.start()

    # -- drawing -------------------------------------------------------------------------------------------
    def _draw(self, b: Board) -> None:
        clear_layout(self.counter_grid)
        self.counter_grid.addWidget(label(self.tr("QUẦY"), "columnTitle", self.counters), 0, 0)
        self.counter_grid.addWidget(label(self.tr("ĐANG PHỤC VỤ SỐ"), "columnTitle", self.counters), 0, 1)
        serving = dict(b.serving)
        counters = sorted(set(self._counter_numbers()) | set(serving))
        newest = b.last_calls[0].number if b.last_calls and self.flash.isVisible() else None
        for row, counter in enumerate(counters, start=1):
            number = serving.get(counter, "—")
            name = "counterNumberNew" if number == newest else "counterNumber"
            self.counter_grid.addWidget(
                label(self.tr("Quầy {n}").format(n=counter), "counterName", self.counters), row, 0
            )
            self.counter_grid.addWidget(label(number, name, self.counters), row, 1)
        self.counter_grid.setRowStretch(len(counters) + 1, 1)

        clear_layout(self.calls_box)
        self.calls_box.addWidget(label(self.tr("VỪA GỌI"), "columnTitle", self.calls))
        for call in b.last_calls:
            text = self.tr("{number}  →  quầy {counter}").format(number=call.number, counter=call.counter)
            self.calls_box.addWidget(label(text, "lastCall", self.calls))
        self.calls_box.addStretch(1)

        waiting = [f"{letter} {b.services.get(letter, '')}: {n}" for letter, n in sorted(b.waiting.items())]
        footer = (
            self.tr("Đang chờ — {list}").format(list=" · ".join(waiting))
            if waiting
            else self.tr("Xin mời lấy số thứ tự tại máy lấy số")
        )
        note = self.announcer.describe()
        self.footer.setText(footer + (f"   ({note})" if note else ""))
        self._restyle()

    def _counter_numbers(self) -> list[int]:
        if self.feed is not None:
            return self._hub_counters
        return [c["counter"] for c in tickets.list_counters(self.session.store) if c["letters"]]

    def showEvent(self, event: QShowEvent) -> None:
        """Poll only while on screen: a hidden panel or a closed display costs nothing."""
        super().showEvent(event)
        self._poll.start()
        self.refresh(force=True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._poll.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.feed is not None:
            self.feed.stop()
        self.announcer.close()
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._restyle()

    def _restyle(self) -> None:
        """High contrast and sizes that follow the screen, legible from the back of the room."""
        u = max(8, min(self.height() // 36, self.width() // 60))
        rows = max(1, self.counter_grid.rowCount() - 1)
        row = max(u * 2, min(u * 5, int(self.height() * 0.55 / (rows + 1))))  # few counters: bigger numbers
        self.setStyleSheet(f"""
            #displayWindow {{ background: #0a1f44; }}
            #displayHeader {{ background: #0b3d91; }}
            #displayOffice {{ color: white; font-size: {int(u * 1.3)}px; font-weight: bold; padding: {u // 2}px; }}
            #displayClock {{ color: #ffd54f; font-size: {int(u * 1.6)}px; font-weight: bold; padding: {u // 2}px; }}
            #columnTitle {{ color: #9ec1ff; font-size: {u}px; font-weight: bold; }}
            #counterName {{ color: white; font-size: {int(row * 0.7)}px; }}
            #counterNumber {{ color: #ffd54f; font-size: {row}px; font-weight: bold; }}
            #counterNumberNew {{ color: #0a1f44; background: #ffd54f; font-size: {row}px;
                                 font-weight: bold; border-radius: {u // 2}px; }}
            #callsPanel {{ border-left: 2px solid #1d3f7a; }}
            #lastCall {{ color: white; font-size: {int(u * 1.6)}px; }}
            #flashBanner {{ color: #0a1f44; background: #ffd54f; font-size: {int(u * 2.2)}px;
                            font-weight: bold; padding: {u // 2}px; }}
            #lostBanner {{ color: white; background: #b71c1c; font-size: {int(u * 1.6)}px;
                           font-weight: bold; padding: {u // 2}px; }}
            #displayFooter {{ color: #cfd8e3; background: #06152f; font-size: {u}px; padding: {u // 2}px; }}
        """)


def board_from_hub(data: dict) -> Board:
    """The hub's board (JSON) as the screen draws it."""
    calls = tuple(
        Call(int(c["seq"]), str(c["number"]), int(c["counter"]), str(c["at"]), bool(c["recall"]))
        for c in data.get("last_calls", [])
    )
    return Board(
        day=str(data.get("day", "")),
        serving=tuple((int(c), str(n)) for c, n in data.get("serving", [])),
        last_calls=calls,
        waiting={str(k): int(v) for k, v in data.get("waiting", {}).items()},
        services={str(k): str(v) for k, v in data.get("services", {}).items()},
        last_seq=int(data.get("last_seq", 0)),
    )
