"""The ticket kiosk: a full-screen touch page, one big button per service and a priority button.

Why this shape: the citizen (often elderly, often first-time) must get a number with one touch and read it
from a metre away; the priority groups the law names are spelt out on the button so nobody has to ask. A
second touch while a ticket is being issued is ignored (no double tickets), and the number stays on screen
for a while even if the printer fails, with a sentence saying what to do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.queue import PRIORITY_GROUPS
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.queue import IssueResult
from app.services.queue_backend import on_hub, queue_for
from app.store import tickets
from app.ui.keys import key_sequence
from app.ui.ops import StoreOp
from app.ui.queue.issuing import PrintedTicket, TicketIssuer
from app.ui.queue.widgets import clear_layout, label
from app.ui.session import AppSession

RESULT_MS = 9000  # how long the issued number stays on screen
SERVICES_MS = 30_000  # a supervisor's change of services reaches a kiosk running in its own process
EXIT_KEYS = "Ctrl+Alt+Q"  # for staff: a kiosk has no close button


def _touch_label(text: str, name: str, parent: QWidget) -> QLabel:
    """A wrapping label that lets touches through to the button or panel under it."""
    widget = label(text, name, parent, wrap=True)
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return widget


class ServiceButton(QPushButton):
    """A big button: the service letter in a badge, its name beside it."""

    def __init__(self, letter: str, name: str, parent: QWidget) -> None:
        super().__init__(parent, objectName=f"service_{letter}")
        self.letter = letter
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(f"{letter} {name}")
        row = QHBoxLayout(self)
        row.addWidget(_touch_label(letter, "serviceLetter", self))
        name_label = _touch_label(name, "serviceName", self)
        name_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(name_label, 1)


class _Overlay(QWidget):
    """Dims the page behind the issued number; a touch anywhere closes it."""

    clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, objectName="resultOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        event.accept()


class KioskWindow(QWidget):
    """Full-screen ticket kiosk on the session's store; prints each ticket at once."""

    def __init__(self, session: AppSession, issuer: TicketIssuer | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="kioskWindow")
        self.session = session
        self.issuer = issuer or TicketIssuer(session, "kiosk", parent=self)
        self.issuer.issued.connect(self._on_issued)
        self.issuer.failed.connect(self._on_failed)
        self.issuer.printed.connect(self._on_printed)
        self.issuer.print_failed.connect(self._on_print_failed)
        self.setWindowTitle(self.tr("MotCua — Lấy số thứ tự"))
        self._busy = False
        self._shown: list[tuple[str, str]] = []
        self.buttons: dict[str, ServiceButton] = {}

        office = str(session.setting("office_name")) or self.tr("Bộ phận Một cửa")
        self.title = _touch_label(office.upper(), "kioskOffice", self)
        self._invite = self.tr("Xin mời chạm vào dịch vụ cần làm để lấy số thứ tự")
        self.prompt = _touch_label(self._invite, "kioskPrompt", self)
        self.services = QWidget(self, objectName="kioskServices")
        self.grid = QGridLayout(self.services)
        self.priority = QPushButton(self, objectName="priorityButton", checkable=True)
        self.priority.setText(
            self.tr(
                "ƯU TIÊN\nngười cao tuổi · người khuyết tật · phụ nữ mang thai · "
                "người có con nhỏ · người có công với cách mạng"
            )
        )
        self.priority.toggled.connect(self._on_priority)
        self.groups = QWidget(self, objectName="priorityGroups")
        self.group_buttons = QButtonGroup(self)
        row = QHBoxLayout(self.groups)
        for key, names in PRIORITY_GROUPS.items():
            button = QPushButton(session.t(*names), self.groups, objectName=f"group_{key}", checkable=True)
            self.group_buttons.addButton(button)
            row.addWidget(button)
        self.groups.hide()

        self.overlay = _Overlay(self)
        self.overlay.clicked.connect(self._hide_result)
        self.result = QFrame(self.overlay, objectName="resultPanel")
        box = QVBoxLayout(self.result)
        self.result_caption = _touch_label(self.tr("Số thứ tự của bạn"), "resultCaption", self.result)
        self.result_number = _touch_label("", "resultNumber", self.result)
        self.result_service = _touch_label("", "resultService", self.result)
        self.result_ahead = _touch_label("", "resultAhead", self.result)
        self.result_print = _touch_label("", "resultPrint", self.result)
        for widget in (
            self.result_caption,
            self.result_number,
            self.result_service,
            self.result_ahead,
            self.result_print,
        ):
            box.addWidget(widget)
        self.overlay.hide()
        self._result_timer = QTimer(self, singleShot=True, interval=RESULT_MS)
        self._result_timer.timeout.connect(self._hide_result)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # full screen: never resized by content
        layout.addWidget(self.title)
        layout.addWidget(self.prompt)
        layout.addWidget(self.services, 1)
        layout.addWidget(self.priority)
        layout.addWidget(self.groups)
        QShortcut(key_sequence(EXIT_KEYS), self, activated=self.close)
        session.changed.connect(self._on_changed)
        self._services_timer = QTimer(self, interval=SERVICES_MS)
        self._services_timer.timeout.connect(lambda: None if self._busy else self.reload_services())
        self.reload_services()

    def showEvent(self, event: QShowEvent) -> None:
        """Look for changed services only while on screen: a closed kiosk must not read a store closed after it."""
        super().showEvent(event)
        self._services_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._services_timer.stop()

    # -- services ------------------------------------------------------------------------------------------
    def reload_services(self) -> None:
        """Rebuild the buttons when the active services changed (a supervisor, maybe on another PC); on an office
        hub the services are the hub's, read on the worker."""
        if on_hub(self.session.store):
            StoreOp(self, self.session, _hub_services).success(self._show_services).run_on_network()
            return
        self._show_services([(r["letter"], r["name_vi"]) for r in tickets.list_services(self.session.store)])

    def _show_services(self, shown: list[tuple[str, str]]) -> None:
        if shown == self._shown:
            return
        self._shown = shown
        clear_layout(self.grid)
        self.buttons = {}
        columns = 1 if len(shown) <= 3 else 2 if len(shown) <= 8 else 3
        for i, (letter, name) in enumerate(shown):
            button = ServiceButton(letter, name, self.services)
            button.clicked.connect(lambda _=False, letter=letter: self.choose(letter))
            self.buttons[letter] = button
            self.grid.addWidget(button, i // columns, i % columns)
        self.grid.setSpacing(max(8, self.height() // 40))
        self._restyle()

    def service_button(self, letter: str) -> ServiceButton:
        return self.buttons[letter]

    def _on_changed(self, changes: Changes) -> None:
        if changes.queue and not self._busy:
            self.reload_services()

    # -- issuing -------------------------------------------------------------------------------------------
    def _on_priority(self, checked: bool) -> None:
        self.groups.setVisible(checked)
        if not checked:
            self._clear_group()

    def _clear_group(self) -> None:
        checked = self.group_buttons.checkedButton()
        if checked is not None:
            self.group_buttons.setExclusive(False)
            checked.setChecked(False)
            self.group_buttons.setExclusive(True)

    def priority_group(self) -> str:
        if not self.priority.isChecked():
            return ""
        checked = self.group_buttons.checkedButton()
        return checked.objectName().removeprefix("group_") if checked is not None else "other"

    def choose(self, letter: str) -> None:
        """Issue a ticket for ``letter``; ignored while the previous touch is still being served."""
        if self._busy:
            return
        self._busy = True
        self.services.setEnabled(False)
        # An office hub that hangs answers only after its timeouts: the citizen is told the touch was taken.
        self.prompt.setText(self.tr("Đang lấy số, xin vui lòng chờ trong giây lát…"))
        self.issuer.issue(letter, self.priority_group())

    def _done(self) -> None:
        self._busy = False
        self.prompt.setText(self._invite)
        self.services.setEnabled(True)
        self.priority.setChecked(False)

    def _on_issued(self, result: IssueResult) -> None:
        self._done()
        t = result.ticket
        self.result_number.setText(t.number)
        self.result_service.setText(
            f"{t.letter} – {result.service_name}" + (self.tr("  ·  ƯU TIÊN") if t.priority else "")
        )
        if result.ahead == 0:
            ahead = self.tr("Bạn là người tiếp theo của dịch vụ này")
        else:
            ahead = self.tr("Trước bạn còn {n} người · dự kiến chờ khoảng {m} phút").format(
                n=result.ahead, m=result.wait_minutes
            )
        self.result_ahead.setText(ahead)
        self.result_print.setText(self.tr("Đang in phiếu…") if self.issuer.print_tickets else "")
        self._show_result()

    def _on_failed(self, message: str) -> None:
        self._done()
        self.result_number.setText("")
        self.result_service.setText(self.tr("Chưa lấy được số"))
        self.result_ahead.setText(message)
        self.result_print.setText(self.tr("Xin mời chạm lại, hoặc hỏi cán bộ tại quầy."))
        self._show_result()

    def _on_printed(self, ticket: PrintedTicket) -> None:
        if ticket.number == self.result_number.text():
            self.result_print.setText(self.tr("Mời nhận phiếu bên dưới"))

    def _on_print_failed(self, number: str, message: str) -> None:
        if number == self.result_number.text():
            self.result_print.setText(
                self.tr(
                    "Máy in chưa in được phiếu ({reason}). Xin ghi nhớ số {number} hoặc báo cán bộ tại quầy."
                ).format(reason=message, number=number)
            )
            self._result_timer.start(RESULT_MS * 2)

    def _show_result(self) -> None:
        self._place_overlay()
        self.overlay.show()
        self.overlay.raise_()
        self._result_timer.start()

    def _place_overlay(self) -> None:
        self.overlay.setGeometry(self.rect())
        w, h = self.width(), self.height()
        self.result.setGeometry(w // 8, h // 7, w - w // 4, h - 2 * (h // 7))

    def _hide_result(self) -> None:
        self._result_timer.stop()
        self.overlay.hide()

    # -- looks ---------------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._restyle()
        self._place_overlay()

    def _restyle(self) -> None:
        """Sizes follow the screen: what is legible on a 15" kiosk stays legible on a 32" one."""
        u = max(8, min(self.height() // 40, self.width() // 64))
        self.setStyleSheet(f"""
            #kioskWindow {{ background: #f4f7fb; }}
            #kioskOffice {{ font-size: {int(u * 1.6)}px; font-weight: bold; color: #0b3d91; }}
            #kioskPrompt {{ font-size: {int(u * 1.3)}px; color: #222; padding-bottom: {u}px; }}
            ServiceButton {{ background: white; border: 2px solid #0b3d91; border-radius: {u}px;
                             min-height: {u * 5}px; }}
            ServiceButton:pressed {{ background: #dce8fb; }}
            ServiceButton:disabled {{ border-color: #9aa; }}
            #serviceLetter {{ font-size: {u * 3}px; font-weight: bold; color: white; background: #0b3d91;
                              border-radius: {u}px; min-width: {u * 5}px; max-width: {u * 5}px; }}
            #serviceName {{ font-size: {int(u * 1.8)}px; font-weight: bold; color: #102040;
                            padding-left: {u}px; }}
            #priorityButton {{ font-size: {int(u * 1.15)}px; font-weight: bold; padding: {u}px;
                               background: white; color: #9a1b1b; border: 2px solid #9a1b1b;
                               border-radius: {u}px; }}
            #priorityButton:checked {{ background: #9a1b1b; color: white; }}
            #priorityGroups QPushButton {{ font-size: {u}px; padding: {int(u * 0.8)}px; background: white;
                                           border: 1px solid #9a1b1b; border-radius: {u // 2}px; }}
            #priorityGroups QPushButton:checked {{ background: #f7d9d9; font-weight: bold; }}
            #resultOverlay {{ background: rgba(10, 31, 68, 150); }}
            #resultPanel {{ background: white; border: 4px solid #0b3d91; border-radius: {u * 2}px; }}
            #resultCaption {{ font-size: {int(u * 1.5)}px; color: #333; }}
            #resultNumber {{ font-size: {u * 9}px; font-weight: bold; color: #0b3d91; }}
            #resultService {{ font-size: {int(u * 1.8)}px; font-weight: bold; }}
            #resultAhead {{ font-size: {int(u * 1.3)}px; }}
            #resultPrint {{ font-size: {int(u * 1.2)}px; color: #9a1b1b; }}
        """)


def _hub_services(ctx: ServiceContext) -> list[tuple[str, str]]:
    queue = queue_for(ctx)
    try:
        return [(r["letter"], r["name"]) for r in queue.list_services(ctx)]
    finally:
        queue.close()
