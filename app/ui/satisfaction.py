"""The customer-facing rating window: three big buttons the citizen taps when the result is handed back.

Why a separate window: it can sit on a second screen or a tablet-size monitor turned to the citizen; its text
is large whatever the clerk's setting, and it shows nothing but the question (no other citizen's data). The
seven detailed criteria of Decision 766 are optional and folded away; one tap on the overall rating is enough.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.satisfaction import CRITERIA, LEVELS, Rating, rate_dossier
from app.ui.errors import user_message
from app.ui.fonts import follow_scale, scaled
from app.ui.noop import QT_TRANSLATE_NOOP
from app.ui.ops import StoreOp
from app.ui.session import AppSession
from app.ui.widgets import make

THANKS_MS = 4000
LEVEL_TEXT = {
    "very_satisfied": (QT_TRANSLATE_NOOP("Rating", "Rất hài lòng"), "#1b873f"),
    "satisfied": (QT_TRANSLATE_NOOP("Rating", "Hài lòng"), "#1f6feb"),
    "not_satisfied": (QT_TRANSLATE_NOOP("Rating", "Không hài lòng"), "#c62828"),
}
CRITERIA_TEXT = {
    "total_time": QT_TRANSLATE_NOOP("Rating", "Thời gian giải quyết so với quy định"),
    "unit_time": QT_TRANSLATE_NOOP("Rating", "Thời gian của từng cơ quan"),
    "visits": QT_TRANSLATE_NOOP("Rating", "Số lần phải đi lại"),
    "agencies": QT_TRANSLATE_NOOP("Rating", "Số cơ quan phải liên hệ"),
    "one_stop": QT_TRANSLATE_NOOP("Rating", "Giải quyết theo cơ chế một cửa"),
    "information": QT_TRANSLATE_NOOP("Rating", "Công khai thông tin thủ tục"),
    "attitude": QT_TRANSLATE_NOOP("Rating", "Thái độ của cán bộ"),
}
SCORE_TEXT = ((2, QT_TRANSLATE_NOOP("Rating", "Tốt")), (1, QT_TRANSLATE_NOOP("Rating", "Bình thường")),
              (0, QT_TRANSLATE_NOOP("Rating", "Chưa tốt")))


def _t(text: str) -> str:
    return QCoreApplication.translate("Rating", text)


class SatisfactionWindow(QWidget):
    rated = Signal(str)

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        # On a one-screen PC it stays above the clerk's window (it used to drop behind it), and showing it never
        # takes the keyboard from the clerk (the citizen answers by touch or mouse) — issue 17.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("satisfactionWindow")
        self.setWindowTitle(self.tr("Đánh giá mức độ hài lòng"))
        follow_scale(self, 1.6)
        self._session = session
        self._code = ""
        self.pages = QStackedWidget(self)
        self.welcome = make(QLabel, self, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.thanks = make(QLabel, self.tr("Xin cảm ơn Ông/Bà đã đánh giá!"), self,
                             alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        follow_scale(self.thanks, 1.6 * 1.4)  # within the window's 1.6
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self._build_question())
        self.pages.addWidget(self.thanks)
        QVBoxLayout(self).addWidget(self.pages)
        self._timer = make(QTimer, self, singleShot=True, interval=THANKS_MS, timeout=self.show_welcome)
        self.resize(900, 620)
        self.show_welcome()

    def _build_question(self) -> QWidget:
        page = QWidget(self)
        self.question = make(QLabel, self.tr("Ông/Bà hài lòng thế nào với việc giải quyết hồ sơ?"), page,
                               alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        follow_scale(self.question, 1.6 * 1.2)
        self.subject = make(QLabel, page, objectName="ratingSubject", alignment=Qt.AlignmentFlag.AlignCenter)
        self.message = make(QLabel, page, objectName="ratingMessage", wordWrap=True)
        self.message.setStyleSheet("color: #a4161a;")
        buttons = QHBoxLayout()
        self.level_buttons: dict[str, QPushButton] = {}
        for level in LEVELS:
            text, colour = LEVEL_TEXT[level]
            button = make(QPushButton, _t(text), page, objectName=f"rate_{level}")
            button.setMinimumSize(220, 120)
            button.setStyleSheet(f"QPushButton {{ background: {colour}; color: white; font-weight: bold; "
                                 f"border-radius: 10px; padding: 12px; }}")
            button.clicked.connect(lambda _c=False, lv=level: self.submit(lv))
            buttons.addWidget(button)
            self.level_buttons[level] = button
        self.more = make(QPushButton, self.tr("Đánh giá chi tiết (không bắt buộc) ▾"), page, objectName="ratingMore",
                                checkable=True, flat=True)
        self.details = QWidget(page)
        grid = QGridLayout(self.details)
        small = scaled(self.font(), 0.7)
        self.details.setFont(small)
        self.criteria: dict[str, QButtonGroup] = {}
        rows = [*CRITERIA, "convenience"]
        for r, key in enumerate(rows):
            grid.addWidget(QLabel(_t(CRITERIA_TEXT.get(key, QT_TRANSLATE_NOOP("Rating", "Sự thuận tiện"))),
                                  self.details), r, 0)
            group = make(QButtonGroup, self.details, exclusive=True)
            choices = SCORE_TEXT if key != "convenience" else tuple(
                (i, LEVEL_TEXT[lv][0]) for i, lv in enumerate(LEVELS))
            for c, (score, text) in enumerate(choices):
                button = make(QPushButton, _t(text), self.details, checkable=True, objectName=f"crit_{key}_{score}")
                group.addButton(button, score)
                grid.addWidget(button, r, c + 1)
            self.criteria[key] = group
        self.details.hide()
        self.more.toggled.connect(self.details.setVisible)
        layout = QVBoxLayout(page)
        layout.addWidget(self.question)
        layout.addWidget(self.subject)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.details)
        layout.addStretch(1)
        return page

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()  # no timer may outlive the window (and the store it reads)
        super().hideEvent(event)

    def show_welcome(self) -> None:
        self._code = ""
        office = self._session.setting("office_name") or "MotCua"
        self.welcome.setText(self.tr("{office}\n\nXin kính chào Ông/Bà").format(office=office))
        self.pages.setCurrentIndex(0)

    def ask_for(self, code: str) -> None:
        """Turn to the question for dossier ``code`` (its code only: no personal data on this screen)."""
        self._timer.stop()
        self._code = code
        self.subject.setText(self.tr("Hồ sơ {code}").format(code=code))
        self.message.clear()
        for group in self.criteria.values():
            checked = group.checkedButton()
            if checked is not None:
                group.setExclusive(False)
                checked.setChecked(False)
                group.setExclusive(True)
        self.more.setChecked(False)
        self.pages.setCurrentIndex(1)

    def rating(self, overall: str) -> Rating:
        criteria = {key: group.checkedId() for key, group in self.criteria.items()
                    if key != "convenience" and group.checkedId() >= 0}
        convenience_id = self.criteria["convenience"].checkedId()
        return Rating(overall, LEVELS[convenience_id] if convenience_id >= 0 else None, criteria)

    def submit(self, overall: str) -> None:
        if not self._code:
            return
        code, rating = self._code, self.rating(overall)
        for button in self.level_buttons.values():
            button.setEnabled(False)
        StoreOp(self, self._session, lambda ctx: rate_dossier(ctx, code, rating)) \
            .success(lambda _c: self._done(code)).failure(self._failed).run()

    def _done(self, code: str) -> None:
        for button in self.level_buttons.values():
            button.setEnabled(True)
        self._code = ""
        self.pages.setCurrentIndex(2)
        self._timer.start()
        self.rated.emit(code)

    def _failed(self, exc: BaseException) -> None:
        for button in self.level_buttons.values():
            button.setEnabled(True)
        self.message.setText(user_message(exc, self._session.lang))
