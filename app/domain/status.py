"""The dossier status machine, on the national public-service portal's ten status codes.

Why: one-stop systems exchange status by these codes when they sync, and reports count dossiers by them, so a
dossier must only move in ways the process allows, and the moves that need a written reason (form 03 refusal,
form 02 request for documents, form 05 stop) must always carry one. The allowed moves:

* 1 Mới đăng ký (new, e.g. from the online portal) -> 2 received, 3 not received.
* 2 Được tiếp nhận -> 4 processing, 3 not received, 5 supplement, 6 financial obligation, 7 withdrawn,
  8 stopped, 9 processed.
* 4 Đang xử lý -> 5, 6, 7, 8, 9.
* 5 Yêu cầu bổ sung giấy tờ -> 4 (the supplement arrived: processing resumes), 7, 8.
* 6 Yêu cầu thực hiện nghĩa vụ tài chính -> 4 (paid, processing resumes), 7, 9.
* 9 Đã xử lý xong -> 10 result returned.
* 3 Không được tiếp nhận, 7 Công dân yêu cầu rút hồ sơ, 8 Dừng xử lý, 10 Đã trả kết quả are terminal.

A reason is required for 3, 5 and 8. Staying in the same status is not a move.
"""

from __future__ import annotations

from enum import IntEnum

from app.domain.errors import ValidationError
from app.domain.text import clean_text, plain_text

REASON_MAX = 1000


class Status(IntEnum):
    """The portal's status codes."""

    NEW = 1
    RECEIVED = 2
    NOT_RECEIVED = 3
    PROCESSING = 4
    SUPPLEMENT = 5
    FINANCIAL = 6
    WITHDRAWN = 7
    STOPPED = 8
    PROCESSED = 9
    RETURNED = 10

    def label(self, lang: str = "vi") -> str:
        """The status name in Vietnamese (the portal's wording) or English."""
        vi, en = _LABELS[self]
        return en if lang == "en" else vi


_LABELS: dict[Status, tuple[str, str]] = {
    Status.NEW: ("Mới đăng ký", "Newly registered"),
    Status.RECEIVED: ("Được tiếp nhận", "Received"),
    Status.NOT_RECEIVED: ("Không được tiếp nhận", "Not received"),
    Status.PROCESSING: ("Đang xử lý", "Processing"),
    Status.SUPPLEMENT: ("Yêu cầu bổ sung giấy tờ", "Supplementary documents requested"),
    Status.FINANCIAL: ("Yêu cầu thực hiện nghĩa vụ tài chính", "Financial obligation requested"),
    Status.WITHDRAWN: ("Công dân yêu cầu rút hồ sơ", "Withdrawn by the citizen"),
    Status.STOPPED: ("Dừng xử lý", "Processing stopped"),
    Status.PROCESSED: ("Đã xử lý xong", "Processed"),
    Status.RETURNED: ("Đã trả kết quả", "Result returned"),
}

REASON_REQUIRED = frozenset({Status.NOT_RECEIVED, Status.SUPPLEMENT, Status.STOPPED})
TERMINAL = frozenset({Status.NOT_RECEIVED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})

_S = Status
_TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    _S.NEW: (_S.RECEIVED, _S.NOT_RECEIVED),
    _S.RECEIVED: (
        _S.PROCESSING,
        _S.NOT_RECEIVED,
        _S.SUPPLEMENT,
        _S.FINANCIAL,
        _S.WITHDRAWN,
        _S.STOPPED,
        _S.PROCESSED,
    ),
    _S.PROCESSING: (_S.SUPPLEMENT, _S.FINANCIAL, _S.WITHDRAWN, _S.STOPPED, _S.PROCESSED),
    _S.SUPPLEMENT: (_S.PROCESSING, _S.WITHDRAWN, _S.STOPPED),
    _S.FINANCIAL: (_S.PROCESSING, _S.WITHDRAWN, _S.PROCESSED),
    _S.PROCESSED: (_S.RETURNED,),
    _S.NOT_RECEIVED: (),
    _S.WITHDRAWN: (),
    _S.STOPPED: (),
    _S.RETURNED: (),
}


def allowed_targets(current: Status) -> tuple[Status, ...]:
    """The statuses a dossier in ``current`` may move to (empty for terminal statuses)."""
    return _TRANSITIONS[Status(current)]


def check_transition(current: Status, target: Status, reason: str | None) -> str:
    """Check the move ``current`` -> ``target``; return the cleaned reason ("" when none).

    ValidationError field "status" for a forbidden move, field "reason" when a required reason is missing.
    """
    current, target = Status(current), Status(target)
    if target not in _TRANSITIONS[current]:
        if current in TERMINAL:
            why_vi, why_en = "đây là trạng thái kết thúc", "it is a final status"
        else:
            names = ", ".join(f"“{s.label()}”" for s in _TRANSITIONS[current])
            names_en = ", ".join(f"“{s.label('en')}”" for s in _TRANSITIONS[current])
            why_vi, why_en = f"chỉ có thể chuyển sang {names}", f"it can only move to {names_en}"
        raise ValidationError(
            "status",
            f"không thể chuyển hồ sơ từ “{current.label()}” sang “{target.label()}”: {why_vi}.",
            f"a dossier cannot move from “{current.label('en')}” to “{target.label('en')}”: {why_en}.",
        )
    cleaned = plain_text(reason, "reason")
    if target in REASON_REQUIRED and not cleaned:
        raise ValidationError(
            "reason",
            f"phải ghi lý do khi chuyển sang “{target.label()}”.",
            f"a reason is required to move to “{target.label('en')}”.",
        )
    if len(cleaned) > REASON_MAX:
        raise ValidationError(
            "reason",
            f"lý do dài {len(cleaned)} ký tự, tối đa {REASON_MAX}.",
            f"the reason has {len(cleaned)} characters, at most {REASON_MAX}.",
        )
    return cleaned


def parse_status(text: str | int) -> Status:
    """A status from its number (1–10, int or text) or its name, any case; ValidationError "status"."""
    if isinstance(text, bool):
        raise _unknown(text)
    if isinstance(text, int):
        try:
            return Status(text)
        except ValueError as exc:
            raise _unknown(text) from exc
    raw = clean_text(str(text))
    if raw.isdigit():
        return parse_status(int(raw))
    try:
        return Status[raw.upper().replace(" ", "_")]
    except KeyError as exc:
        raise _unknown(text) from exc


def _unknown(value: object) -> ValidationError:
    return ValidationError(
        "status",
        f"“{value}” không phải trạng thái hồ sơ (1–10 hoặc tên trạng thái).",
        f"“{value}” is not a dossier status (1–10 or a status name).",
    )
