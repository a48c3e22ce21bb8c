"""Queue-ticket rules: service letters, the daily number series, priority groups, who is called next.

Why here: the same rules must hold at the clerk's window, at the kiosk, in ``motcua ticket …`` and in the
supervisor's statistics, and the fairness rule (priority by law first, then first come first served) is what
the property tests check the store against. This module does no I/O; the store runs the same order in SQL
(``ORDER BY priority DESC, arrival_at, seq``) and the tests compare the two.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.errors import FIELD_LABELS, ValidationError
from app.domain.text import plain_text
from app.domain.timezone import EARLIEST_CLOCK_YEAR

# Labels of the fields these rules name. They belong in ``FIELD_LABELS`` itself (asked of its owner); until
# then ``setdefault`` adds them without overriding, so messages read "Dịch vụ: …" rather than "service: …".
for _key, _labels in {
    "service": ("Dịch vụ", "Service"),
    "ticket": ("Số thứ tự", "Ticket"),
    "priority": ("Nhóm ưu tiên", "Priority group"),
    "voice": ("Giọng đọc", "Voice"),
}.items():
    FIELD_LABELS.setdefault(_key, _labels)

MAX_PER_DAY = 9999  # A001 … A999, then A1000 … A9999: a ticket number stays within 8 printable characters
MAX_COUNTER = 99
MAX_SERVICE_NAME = 60
DEFAULT_SERVICE_SECONDS = 300  # estimated wait before the office has any history: 5 minutes a citizen

# Priority by law (DOMAIN.md, "Queue etiquette"): key -> (Vietnamese, English). "" is a regular ticket.
PRIORITY_GROUPS: dict[str, tuple[str, str]] = {
    "elderly": ("Người cao tuổi", "Elderly person"),
    "disabled": ("Người khuyết tật", "Person with a disability"),
    "pregnant": ("Phụ nữ mang thai", "Pregnant woman"),
    "small_child": ("Người có con nhỏ", "Person with a small child"),
    "merit": ("Người có công với cách mạng", "Person with merit"),
    "other": ("Ưu tiên khác", "Other priority"),
}

# Ticket states (the store's words) -> (Vietnamese, English), for messages and screens.
STATES: dict[str, tuple[str, str]] = {
    "waiting": ("đang chờ", "waiting"),
    "called": ("đang được phục vụ", "being served"),
    "served": ("đã phục vụ xong", "served"),
    "no_show": ("vắng mặt", "no-show"),
    "expired": ("hết ngày, chưa được gọi", "expired at the end of the day"),
    "handed_over": ("đã chuyển cho máy chủ hàng đợi", "handed over to the office hub"),
}

# A new office starts with these (letter, Vietnamese name, English name); a supervisor may change them.
DEFAULT_SERVICES: tuple[tuple[str, str, str], ...] = (
    ("A", "Hộ tịch", "Civil status"),
    ("B", "Chứng thực", "Certification"),
    ("C", "Đất đai", "Land"),
    ("D", "Bảo trợ xã hội", "Social protection"),
    ("E", "Đăng ký kinh doanh", "Business registration"),
    ("F", "Trả kết quả", "Collect results"),
)

_NUMBER_RE = re.compile(r"([0-9]?)([A-Z])(\d{3,4})")  # "3A012": a PC's own number while its hub is down
QR_PREFIX = "MCQ1"  # versioned so a later ticket format can sit next to this one


def validate_letter(text: str) -> str:
    """The service letter as stored ("a " -> "A"): one Latin letter A–Z, as it leads every printed number."""
    letter = (text or "").strip().upper()
    if len(letter) != 1 or not "A" <= letter <= "Z":
        raise ValidationError(
            "service",
            f"mã dịch vụ “{text}” phải là một chữ cái A–Z",
            f"the service code “{text}” must be one letter A–Z",
        )
    return letter


def validate_service_name(text: str) -> str:
    name = plain_text(text, "service")  # printed on tickets, shown on the waiting-room screen
    if not name:
        raise ValidationError("service", "tên dịch vụ không được để trống", "the service name is empty")
    if len(name) > MAX_SERVICE_NAME:
        raise ValidationError(
            "service",
            f"tên dịch vụ dài quá {MAX_SERVICE_NAME} ký tự",
            f"the service name is longer than {MAX_SERVICE_NAME} characters",
        )
    return name


def validate_counter(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_COUNTER:
        raise ValidationError("counter", f"số quầy phải từ 1 đến {MAX_COUNTER}", f"counter must be 1–{MAX_COUNTER}")
    return value


def validate_priority_group(group: str) -> str:
    """ "" for a regular ticket, else one key of :data:`PRIORITY_GROUPS`."""
    group = (group or "").strip()
    if group and group not in PRIORITY_GROUPS:
        raise ValidationError("priority", f"nhóm ưu tiên “{group}” không có", f"unknown priority group “{group}”")
    return group


def format_number(letter: str, n: int, prefix: str = "") -> str:
    """("A", 12) -> "A012": at least three digits, the way numbers are printed and called. ``prefix`` is the
    device slot of a PC issuing its own tickets while the office hub is down ("3A012"): the hub never gives a
    number with a digit in front, so the two series can never meet."""
    return f"{prefix}{letter}{n:03d}"


def _match_number(text: str) -> re.Match[str]:
    m = _NUMBER_RE.fullmatch((text or "").strip().upper())
    if not m or int(m.group(3)) == 0:
        raise ValidationError(
            "ticket", f"“{text}” không phải số thứ tự (ví dụ A012)", f"“{text}” is not a ticket number (e.g. A012)"
        )
    return m


def parse_number(text: str) -> tuple[str, int]:
    """ "a012" -> ("A", 12) (a slot prefix, "3A012", is dropped); ValidationError when it is not a ticket number."""
    m = _match_number(text)
    return m.group(2), int(m.group(3))


def normal_number(text: str) -> str:
    """ "3a12 " -> "3A012": a typed or scanned number as it is printed, slot prefix kept."""
    m = _match_number(text)
    return format_number(m.group(2), int(m.group(3)), m.group(1))


def next_in_series(last: int | None, letter: str) -> int:
    """The number after ``last`` in today's series of ``letter``; never wraps past the day's maximum."""
    n = (last or 0) + 1
    if n > MAX_PER_DAY:
        raise ValidationError(
            "service",
            f"dịch vụ {letter} đã cấp hết {MAX_PER_DAY} số trong ngày",
            f"service {letter} has issued all {MAX_PER_DAY} numbers for today",
        )
    return n


@dataclass(frozen=True)
class Waiting:
    """What the fairness rule needs of a waiting ticket. ``arrival_at`` is an ISO time in Vietnam time (the
    store's one format), so string order is time order; a transferred ticket keeps its original arrival."""

    ticket_id: str
    letter: str
    priority: bool
    arrival_at: str
    seq: int


# A citizen called just before midnight is still at the desk after it. The counter's called ticket of the day
# before stays its current one (finish, recall, no-show, transfer and the next call close it as usual) for this
# long after its call; the close of earlier days leaves it alone until then. Longer than any service, and
# short enough that a ticket a clerk forgot in the evening is not the counter's current one next morning.
CARRY_OVER = timedelta(hours=3)


def carried_over(called_at: datetime, now: datetime) -> bool:
    """Whether a ticket of an earlier day called at ``called_at`` is still its counter's current one."""
    return now - called_at < CARRY_OVER


def closed_state(state: str) -> str:
    """What the close of an earlier day makes of a ticket it left open: never called, ``expired``; called,
    ``served`` (its service time unknown). The PC's store and the office hub close days alike."""
    return "expired" if state == "waiting" else "served"


def check_queue_clock(day: date, hub: bool = False) -> None:
    """Numbers restart each day by the clock that issues them (this PC's, or the hub's: ``hub``). A clock before
    :data:`EARLIEST_CLOCK_YEAR` (a reset CMOS clock after a power cut: 2001-01-01) would start a new day's series
    and hand out "A001" again while citizens hold this morning's "A001": refused, naming the clock's date."""
    if day.year >= EARLIEST_CLOCK_YEAR:
        return
    who_vi, who_en = ("máy chủ hàng đợi (hub)", "the queue hub PC's") if hub else ("máy tính này", "this PC's")
    raise ValidationError(
        "clock",
        f"đồng hồ của {who_vi} đang chỉ ngày {day:%d/%m/%Y}, sai: hãy chỉnh lại ngày giờ của máy đó rồi cấp, gọi số "
        "(số thứ tự bắt đầu lại mỗi ngày theo đồng hồ này)",
        f"{who_en} clock says {day:%Y-%m-%d}, which is wrong: set its date and time, then issue and call tickets "
        "(numbers restart each day by this clock)",
    )


def order_key(t: Waiting) -> tuple[int, str, int]:
    """Priority by law first, then first come first served; ``seq`` breaks ties of the same second."""
    return (0 if t.priority else 1, t.arrival_at, t.seq)


def pick_next(waiting: Iterable[Waiting], letters: Iterable[str]) -> Waiting | None:
    """The ticket a counter serving ``letters`` calls next, or None when nobody waits for those services."""
    served = set(letters)
    candidates = [t for t in waiting if t.letter in served]
    return min(candidates, key=order_key) if candidates else None


def count_ahead(waiting: Iterable[Waiting], ticket: Waiting) -> int:
    """How many tickets of the same service will be called before ``ticket``."""
    key = order_key(ticket)
    return sum(
        1 for t in waiting if t.letter == ticket.letter and t.ticket_id != ticket.ticket_id and order_key(t) < key
    )


def check_recall(recalls: int, limit: int) -> None:
    """A called citizen may be called again ``limit`` times; after that the clerk marks a no-show."""
    if recalls >= limit:
        raise ValidationError(
            "ticket",
            f"đã gọi lại {recalls} lần: hãy đánh dấu vắng mặt",
            f"already recalled {recalls} times: mark the ticket as a no-show",
        )


def check_no_show(recalls: int, needed: int) -> None:
    """No-show only after ``needed`` recalls, so nobody loses a turn to one call they did not hear."""
    if recalls < needed:
        left = needed - recalls
        raise ValidationError(
            "ticket",
            f"hãy gọi lại thêm {left} lần trước khi đánh dấu vắng mặt",
            f"recall {left} more time(s) before marking a no-show",
        )


def estimate_wait_minutes(ahead: int, avg_service_seconds: float | None, counters: int) -> int:
    """Minutes until a ticket with ``ahead`` people before it is called, if ``counters`` desks serve it."""
    per_person: float = DEFAULT_SERVICE_SECONDS
    if avg_service_seconds and avg_service_seconds > 0:
        per_person = avg_service_seconds
    return math.ceil(ahead * per_person / max(1, counters) / 60)


def qr_payload(office_code: str, day: str, number: str, ticket_id: str) -> str:
    """Text of the QR printed on a ticket; the clerk's scanner reads it back to find the ticket."""
    return "|".join((QR_PREFIX, office_code, day, number, ticket_id))


def parse_qr(text: str) -> tuple[str, str, str, str] | None:
    """(office_code, day, number, ticket_id) from a scanned ticket; None when the text is something else."""
    parts = (text or "").strip().split("|")
    if len(parts) != 5 or parts[0] != QR_PREFIX:
        return None
    return parts[1], parts[2], parts[3], parts[4]


def letters_label(letters: Sequence[str]) -> str:
    """ "A, B, C" for messages and the counter list."""
    return ", ".join(letters) if letters else "—"


# -- refusals shared by the local queue and the hub's (one wording, whichever PC holds the queue) ------------------
def no_services(counter: int) -> ValidationError:
    return ValidationError(
        "counter",
        f"quầy {counter} chưa được giao dịch vụ nào; hãy nhờ người giám sát phân công",
        f"counter {counter} serves no service; ask a supervisor to assign some",
    )


def not_serving(counter: int) -> ValidationError:
    return ValidationError(
        "counter", f"quầy {counter} đang không phục vụ số nào", f"counter {counter} is not serving any ticket"
    )


def nobody_waiting(letters: Sequence[str], counter: int) -> ValidationError:
    served = letters_label(letters)
    return ValidationError(
        "ticket",
        f"không còn ai chờ dịch vụ {served} của quầy {counter}",
        f"nobody is waiting for services {served} of counter {counter}",
    )


def no_ticket(text: str) -> ValidationError:
    shown = text.strip()
    return ValidationError("ticket", f"hôm nay không có số “{shown}”", f"no ticket “{shown}” today")


def unknown_service(code: str, offered: str) -> ValidationError:
    return ValidationError(
        "service",
        f"không có dịch vụ “{code}” (đang có: {offered or 'không có'})",
        f"there is no service “{code}” (available: {offered or 'none'})",
    )


def not_callable(number: str, state: str) -> ValidationError:
    vi, en = STATES.get(state, ("không rõ", "unknown"))
    return ValidationError("ticket", f"số {number} không còn chờ ({vi})", f"ticket {number} is not waiting ({en})")


def check_transfer(number: str, state: str, letter: str, to_letter: str) -> None:
    """A waiting or called ticket may move to another service's line, not to its own."""
    if state not in ("waiting", "called"):
        raise ValidationError("ticket", f"số {number} không còn chờ", f"ticket {number} is not waiting")
    if letter == to_letter:
        raise ValidationError(
            "service",
            f"số {number} đã thuộc dịch vụ {to_letter}",
            f"ticket {number} is already for service {to_letter}",
        )


def transferred(row: Mapping[str, Any], to_letter: str, stamp: str, spent: int | None) -> dict[str, Any]:
    """The fields of a ticket sent to ``to_letter``'s line: waiting again with its original arrival (its place
    stays fair), the time already spent at a desk kept for the statistics."""
    return {
        "letter": to_letter,
        "state": "waiting",
        "counter": None,
        "called_at": None,
        "recalls": 0,
        "queued_at": stamp,
        "transfers": row["transfers"] + 1,
        "service_seconds": (row["service_seconds"] or 0) + (spent or 0) or None,
        "updated_at": stamp,
    }


VOICES = ("clips", "tts", "off")  # the display's voice: shipped clips, a local TTS engine when present, chime only


def queue_options(recalls_before_no_show: int | None, voice: str | None, chime: bool | None) -> dict[str, Any]:
    """The queue options given (None: unchanged), checked: recalls 0–10, a known voice."""
    values: dict[str, Any] = {}
    if recalls_before_no_show is not None:
        if not 0 <= recalls_before_no_show <= 10:
            raise ValidationError("ticket", "số lần gọi lại phải từ 0 đến 10", "recalls must be 0–10")
        values["recalls_before_no_show"] = recalls_before_no_show
    if voice is not None:
        if voice not in VOICES:
            raise ValidationError("voice", "giọng đọc phải là clips, tts hoặc off", "voice must be clips, tts or off")
        values["voice"] = voice
    if chime is not None:
        values["chime"] = bool(chime)
    return values
