"""The status moves a clerk can make from a dossier's detail, as the domain's status machine allows them.

Why the buttons come from ``allowed_targets``: the counter must never offer a move the central system would
reject; a terminal status simply shows no buttons. Moves that print a form (02 supplement request, 03 refusal,
05 stop) need a reason, which is asked for first and printed on the form (form 02's documents and reason are
asked apart, in :mod:`app.ui.dossiers.supplement_dialog`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.status import REASON_REQUIRED, Status, allowed_targets
from app.ui.dialogs import Confirm, ReasonDialog
from app.ui.noop import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class MoveSpec:
    button: str  # Vietnamese source text, context "StatusActions"
    prompt: str = ""  # asked in the reason dialog; empty: no reason asked
    confirm: str = ""  # a yes/no question before an irreversible move


SPECS: dict[Status, MoveSpec] = {
    Status.RECEIVED: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Tiếp nhận")),
    Status.PROCESSING: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Chuyển xử lý")),
    Status.SUPPLEMENT: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Yêu cầu bổ sung…"),
                                QT_TRANSLATE_NOOP("StatusActions", "Giấy tờ còn thiếu hoặc cần sửa, và lý do "
                                                  "(mỗi giấy tờ một dòng; in trên phiếu mẫu 02):")),
    Status.FINANCIAL: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Yêu cầu nghĩa vụ tài chính")),
    Status.NOT_RECEIVED: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Từ chối tiếp nhận…"),
                                  QT_TRANSLATE_NOOP("StatusActions", "Lý do từ chối (in trên phiếu mẫu 03):")),
    Status.WITHDRAWN: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Công dân rút hồ sơ…"),
                               QT_TRANSLATE_NOOP("StatusActions", "Lý do rút hồ sơ (không bắt buộc):")),
    Status.STOPPED: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Dừng xử lý…"),
                             QT_TRANSLATE_NOOP("StatusActions", "Lý do dừng xử lý (in trên thông báo mẫu 05):")),
    Status.PROCESSED: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Đã xử lý xong")),
    Status.RETURNED: MoveSpec(QT_TRANSLATE_NOOP("StatusActions", "Trả kết quả"), "",
                              QT_TRANSLATE_NOOP("StatusActions", "Trả kết quả hồ sơ {code} cho người dân? "
                                                "Sau bước này hồ sơ kết thúc.")),
}
RESUME = QT_TRANSLATE_NOOP("StatusActions", "Tiếp tục xử lý")


def _t(text: str) -> str:
    return QCoreApplication.translate("StatusActions", text)


def moves_for(current: Status) -> list[tuple[Status, str]]:
    """(target, button text) for every move the status machine allows from ``current``."""
    moves = []
    for target in allowed_targets(current):
        text = SPECS[target].button
        if target is Status.PROCESSING and current in (Status.SUPPLEMENT, Status.FINANCIAL):
            text = RESUME
        moves.append((target, _t(text)))
    return moves


def ask_reason(parent: QWidget | None, code: str, target: Status, lang: str) -> str | None:
    """The reason for the move ("" when none is needed), or None when the clerk cancelled."""
    spec = SPECS[target]
    if spec.confirm and not Confirm.ask(parent, target.label(lang), _t(spec.confirm).format(code=code)):
        return None
    if not spec.prompt:
        return ""
    if target is Status.SUPPLEMENT:  # documents and reason apart, so form 02 prints a row per document
        from app.ui.dossiers.supplement_dialog import SupplementDialog

        return SupplementDialog.ask(parent, target.label(lang))
    return ReasonDialog.ask(parent, target.label(lang), _t(spec.prompt), required=target in REASON_REQUIRED)
