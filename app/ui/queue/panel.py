"""The clerk's queue panel: who is at my counter, who waits, and the keys that call, recall and issue.

Why keys: the clerk calls the next citizen dozens of times a day while typing dossiers, so every command is
one key that works anywhere in the window (F6 next, F7 recall, F8 no-show, F12 done, Ctrl+T transfer, F4
issue a ticket, Shift+F4 a priority one); a scanned ticket QR or a typed number serves a citizen out of
order. Writes go through the session's worker (``StoreOp``); on an office hub every read and action goes
through the session's ``network`` worker instead, so a hub that hangs never holds the dossier intake's writes.
A refused action (nobody waiting, nobody at the counter) is said in one line in the panel, never in a pop-up
that steals the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.queue import PRIORITY_GROUPS
from app.services import queue_calls
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.queue import IssueResult, Ticket
from app.services.queue_backend import on_hub, queue_for
from app.services.queue_board import at_counter, counter_letters, last_event_seq, waiting_for
from app.services.queue_remote import Desk
from app.store import tickets
from app.ui.errors import is_expected, show_error, user_message
from app.ui.keys import key_sequence
from app.ui.ops import StoreOp
from app.ui.queue.issuing import PrintedTicket, TicketIssuer
from app.ui.queue.waiting_model import WaitingModel
from app.ui.queue.widgets import label
from app.ui.session import AppSession

HUB_POLL_MS = 2000  # on a hub: the panel re-reads its counter this often (and after each of its own actions)
POLL_MS = 1000  # tickets issued at the kiosk (another process) show up within a second

# key -> (text, shortcut); the main window may put these actions in its menus (they are window-wide).
ACTIONS: dict[str, tuple[str, str]] = {
    "call_next": ("Gọi số tiếp theo", "F6"),
    "recall": ("Gọi lại", "F7"),
    "no_show": ("Vắng mặt", "F8"),
    "finish": ("Xong", "F12"),
    "transfer": ("Chuyển dịch vụ…", "Ctrl+T"),
    "call_selected": ("Gọi số đã chọn", ""),  # Enter in the list (Ctrl+Return is the intake form's)
    "issue": ("Cấp số", "F4"),
    "issue_priority": ("Cấp số ưu tiên", "Shift+F4"),
}


class TransferDialog:
    """Which service to send the citizen to."""

    @classmethod
    def ask(cls, parent: QWidget | None, services: list[tuple[str, str]]) -> str | None:
        items = [f"{letter} – {name}" for letter, name in services]
        text, ok = QInputDialog.getItem(
            parent,
            parent.tr("Chuyển dịch vụ") if parent else "Chuyển dịch vụ",
            parent.tr("Chuyển sang dịch vụ:") if parent else "",
            items,
            0,
            False,
        )
        return text.split(" ", 1)[0] if ok and text else None


class QueuePanel(QWidget):
    """Queue commands for one counter (the office setting ``counter`` unless given)."""

    ticket_called = Signal(object)  # the Ticket now at this counter (the intake may link its dossier to it)
    ticket_released = Signal(object)  # the Ticket this counter finished, marked absent or transferred

    def __init__(
        self,
        session: AppSession,
        counter: int | None = None,
        issuer: TicketIssuer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, objectName="queuePanel")
        self.session = session
        self.counter = int(counter if counter is not None else session.setting("counter"))
        self.issuer = issuer or TicketIssuer(session, "counter", parent=self)
        self.issuer.issued.connect(self._on_issued)
        self.issuer.failed.connect(self.warn)
        self.issuer.printed.connect(self._on_printed)
        self.issuer.print_failed.connect(lambda n, m: self.warn(self.tr("Số {n}: {m}").format(n=n, m=m)))
        self._current: Ticket | None = None
        self._seen = -1
        # A read of the hub's desk on the network worker, and whether another was asked for meanwhile: with the
        # hub PC hung or gone from the LAN a read takes seconds (timeouts), and a poll every 2 s piling up reads
        # made the panel's own actions wait minutes behind them.
        self._reading = False
        self._read_again = False
        self.on_hub = bool(on_hub(session.store))  # the office's queue is on its hub: read it through the network
        self._services: list[tuple[str, str]] = []

        # Wrapping labels: changing texts never widen the dock (the clerk's form keeps its room).
        self.title = label("", "panelTitle", self, Qt.AlignmentFlag.AlignLeft, wrap=True)
        self.current = label("—", "currentNumber", self)
        self.detail = label("", "currentDetail", self, wrap=True)
        self.actions_by_key = self._make_actions()
        commands = QGridLayout()
        for i, key in enumerate(("call_next", "recall", "no_show", "finish")):
            commands.addWidget(self._button(key), i // 2, i % 2)  # two a row: the dock stays narrow (issue 17)
        commands.addWidget(self._button("transfer"), 2, 0, 1, 2)
        self.model = WaitingModel(session.lang, self)
        self.table = QTableView(self, objectName="waitingTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._call_index)  # Enter or double-click on a waiting citizen
        self.waiting_label = label("", "waitingLabel", self, Qt.AlignmentFlag.AlignLeft, wrap=True)
        self.number_input = QLineEdit(self, objectName="ticketInput")
        self.number_input.setPlaceholderText(self.tr("Gọi số bất kỳ: gõ số (A012) hoặc quét mã trên phiếu"))
        self.number_input.returnPressed.connect(self._call_typed)
        self.services = QComboBox(self, objectName="issueService")
        self.services.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.services.setMinimumContentsLength(12)
        issue = QGridLayout()
        issue.addWidget(self.services, 0, 0, 1, 2)
        issue.addWidget(self._button("issue"), 1, 0)
        issue.addWidget(self._button("issue_priority"), 1, 1)
        self.message = label("", "panelMessage", self, Qt.AlignmentFlag.AlignLeft, wrap=True)

        layout = QVBoxLayout(self)
        for widget in (self.title, self.current, self.detail):
            layout.addWidget(widget)
        layout.addLayout(commands)
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._button("call_selected"))
        layout.addWidget(self.number_input)
        layout.addLayout(issue)
        layout.addWidget(self.message)
        self.setStyleSheet(
            "#currentNumber { font-size: 40pt; font-weight: bold; color: #0b3d91; } #panelTitle { font-weight: bold; }"
        )

        session.changed.connect(self._on_changed)
        self._poll = QTimer(self, interval=HUB_POLL_MS if self.on_hub else POLL_MS)
        self._poll.timeout.connect(self._poll_changes)
        self.refresh()

    # -- building -----------------------------------------------------------------------------------------
    def _make_actions(self) -> dict[str, QAction]:
        handlers = {
            "call_next": self.call_next,
            "recall": self.recall,
            "no_show": self.no_show,
            "finish": self.finish,
            "transfer": self.transfer,
            "call_selected": self.call_selected,
            "issue": lambda: self.issue(False),
            "issue_priority": lambda: self.issue(True),
        }
        actions = {}
        for key, (text, shortcut) in ACTIONS.items():
            action = QAction(self.tr(text), self, objectName=f"queue_{key}")
            key_name = shortcut or self.tr("Enter")
            if shortcut:
                action.setShortcut(key_sequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(f"{action.text()} ({key_name})")
            action.setIconText(f"{action.text()}  {key_name}")  # the key on the button: learnt by seeing it
            action.triggered.connect(handlers[key])
            self.addAction(action)
            actions[key] = action
        return actions

    def _button(self, key: str) -> QToolButton:
        button = QToolButton(self, objectName=f"button_{key}")
        button.setDefaultAction(self.actions_by_key[key])
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        return button

    # -- reading ------------------------------------------------------------------------------------------
    def current_ticket(self) -> Ticket | None:
        return self._current

    def refresh(self) -> None:
        if self.on_hub:  # a network read: on the worker, drawn when it answers; one at a time
            if self._reading:
                self._read_again = True  # after an action: read once more when the one under way is done
                return
            self._reading, self._read_again = True, False
            StoreOp(self, self.session, self._with_queue(lambda q, ctx: q.desk(ctx, self.counter))).success(
                self._read_done
            ).failure(self._read_failed).run_on_network()
            return
        store = self.session.store
        now = self.session.clock.now()
        letters = counter_letters(store, self.counter)
        self._seen = last_event_seq(store)
        services = [(r["letter"], r["name_vi"]) for r in tickets.list_services(store)]
        self._show(
            Desk(
                letters, at_counter(store, now, self.counter), waiting_for(store, now.date(), letters), services
            )
        )

    def _read_done(self, desk: Desk) -> None:
        self._reading = False
        self._show(desk)
        if self._read_again:
            self.refresh()

    def _read_failed(self, exc: BaseException) -> None:
        self._reading = False
        self.warn(user_message(exc, self.session.lang))
        if self._read_again:
            self.refresh()

    def _show(self, desk: Desk) -> None:
        now = self.session.clock.now()
        letters, rows = desk.letters, desk.waiting
        self._current = desk.current
        self._services = desk.services
        self.model.set_tickets(rows, now)
        self.title.setText(
            self.tr("Quầy {n} · phục vụ {letters}").format(
                n=self.counter, letters=", ".join(letters) or self.tr("(chưa được giao dịch vụ)")
            )
        )
        self.waiting_label.setText(self.tr("Đang chờ: {n} người").format(n=len(rows)))
        t = self._current
        self.current.setText(t.number if t else "—")
        if t is None:
            self.detail.setText(self.tr("Chưa gọi ai"))
        else:
            parts = [self.tr("Dịch vụ {letter}").format(letter=t.letter)]
            if t.priority:
                parts.append(self.session.t(*PRIORITY_GROUPS[t.priority_group]))
            if t.recalls:
                parts.append(self.tr("đã gọi lại {n} lần").format(n=t.recalls))
            self.detail.setText(" · ".join(parts))
        for key in ("recall", "no_show", "finish", "transfer"):
            self.actions_by_key[key].setEnabled(t is not None)
        self._fill_services()

    def showEvent(self, event: QShowEvent) -> None:
        """Poll only while on screen: a hidden panel or a closed display costs nothing."""
        super().showEvent(event)
        self._poll.start()
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._poll.stop()

    def _fill_services(self) -> None:
        """The services to issue for; refilled only when they changed, so the clerk's choice stays."""
        items = [(f"{letter} – {name}", letter) for letter, name in self._services]
        current = [(self.services.itemText(i), self.services.itemData(i)) for i in range(self.services.count())]
        if items == current:
            return
        chosen = self.services.currentData()
        self.services.clear()
        for text, letter in items:
            self.services.addItem(text, letter)
        self.services.setCurrentIndex(max(0, self.services.findData(chosen)))

    def _on_changed(self, changes: Changes) -> None:
        if changes.queue:
            self.refresh()

    def _poll_changes(self) -> None:
        if self._reading:
            return  # the hub has not answered the last read yet: no second one behind it
        if self.on_hub or last_event_seq(self.session.store) != self._seen:
            self.refresh()

    def say(self, text: str) -> None:
        """A line about what just happened."""
        self.message.setStyleSheet("")
        self.message.setText(text)

    def warn(self, text: str) -> None:
        """A line about what could not be done (and why), in red."""
        self.message.setStyleSheet("color: #9a1b1b;")
        self.message.setText(text)

    # -- commands -----------------------------------------------------------------------------------------
    @staticmethod
    def _with_queue(fn: Callable[[Any, ServiceContext], Any]) -> Callable[[ServiceContext], Any]:
        """An operation on this PC's queue: its own store, or the office hub's (the transport closed after)."""

        def op(ctx: ServiceContext) -> Any:
            queue = queue_for(ctx)
            try:
                return fn(queue, ctx)
            finally:
                queue.close()

        return op

    def _run(self, op: Callable[[ServiceContext], Any], done: Callable[[Any], None]) -> None:
        self.say("")
        queued = StoreOp(self, self.session, op).success(done).failure(self._failed)
        if self.on_hub:
            queued.run_on_network()
        else:
            queued.run()

    def _failed(self, exc: BaseException) -> None:
        if is_expected(exc):
            self.warn(user_message(exc, self.session.lang))
        else:
            show_error(self, self.session, exc)

    def _called(self, result: queue_calls.CallResult) -> None:
        self.ticket_called.emit(result.ticket)
        self.say(self.tr("Đã mời số {n} đến quầy {c}").format(n=result.ticket.number, c=result.counter))

    def call_next(self) -> None:
        self._run(self._with_queue(lambda q, ctx: q.call_next(ctx, self.counter)), self._called)

    def call_number(self, text: str) -> None:
        """Serve out of order: a typed number ("A012") or a scanned ticket QR."""
        self._run(self._with_queue(lambda q, ctx: q.call_ticket(ctx, self.counter, text)), self._called)

    def call_selected(self) -> None:
        self._call_index(self.table.currentIndex())

    def _call_index(self, index: QModelIndex) -> None:
        ticket = self.model.ticket(index.row()) if index.isValid() else None
        if ticket is None:
            self.warn(self.tr("Hãy chọn một số trong danh sách chờ"))
            return
        self.call_number(ticket.number)

    def _call_typed(self) -> None:
        text = self.number_input.text().strip()
        if text:
            self.number_input.clear()
            self.call_number(text)

    def recall(self) -> None:
        self._run(
            self._with_queue(lambda q, ctx: q.recall(ctx, self.counter)),
            lambda r: self.say(self.tr("Đã gọi lại số {n}").format(n=r.ticket.number)),
        )

    def no_show(self) -> None:
        self._run(
            self._with_queue(lambda q, ctx: q.no_show(ctx, self.counter)),
            lambda r: self._released(r, self.tr("Số {n}: vắng mặt").format(n=r.ticket.number)),
        )

    def finish(self) -> None:
        self._run(
            self._with_queue(lambda q, ctx: q.finish(ctx, self.counter)),
            lambda r: self._released(r, self.tr("Số {n}: đã xong").format(n=r.ticket.number)),
        )

    def _released(self, result: Any, text: str) -> None:
        self.say(text)
        self.ticket_released.emit(result.ticket)

    def transfer(self) -> None:
        current = self._current
        if current is None:
            self.warn(self.tr("Quầy đang không phục vụ số nào"))
            return
        services = [(letter, name) for letter, name in self._services if letter != current.letter]
        letter = TransferDialog.ask(self, services)
        if letter:
            self._run(
                self._with_queue(lambda q, ctx: q.transfer(ctx, self.counter, letter)),
                lambda r: self._released(
                    r, self.tr("Số {n} chuyển sang dịch vụ {s}").format(n=r.ticket.number, s=r.ticket.letter)
                ),
            )

    def issue(self, priority: bool) -> None:
        """Issue (and print) a ticket for the service chosen in the list: one key at the counter."""
        letter = self.services.currentData()
        if letter:
            self.say("")
            self.issuer.issue(letter, "other" if priority else "")

    def _on_issued(self, result: IssueResult) -> None:
        self.say(self.tr("Đã cấp số {n} ({s})").format(n=result.ticket.number, s=result.service_name))

    def _on_printed(self, ticket: PrintedTicket) -> None:
        where = str(ticket.path) if ticket.path else ticket.printer
        self.say(self.message.text() + " · " + self.tr("phiếu: {where}").format(where=where))
