"""Plain, frozen input records for every printed document, and the checks that make them printable.

Why: layouts must not know where data comes from (SQLite, the sync feed, a test), so each document takes one
frozen dataclass. Construction is the single place where text is NFC-cleaned and where input that cannot be
laid out (an empty dossier code, a code a barcode cannot carry, a name longer than a page) is refused with a
message that names the field; a layout never has to second-guess its input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Literal

from app.domain.timezone import to_vn
from app.printing.errors import PrintInputError
from app.printing.text import clean

Paper = Literal["a5", "a4"]
TicketWidth = Literal[58, 80]

MAX_SHORT = 300  # a name, a phone number, an officer: short fields
MAX_CELL = 1200  # a document name as the catalogue words it (up to ~540 characters): one table row under a page
MAX_LONG = 3000  # an address or a reason: wraps, and may run on to the next page
MAX_ROWS = 500  # documents or dossiers in one table
_BARCODE_SAFE = re.compile(r"[\x21-\x7e]{1,64}")  # Code128 set B without space; 64 keeps it on an A5 line


class Printable:
    """Base of every record: cleans strings (NFC), turns lists into tuples, then runs :meth:`check`."""

    def __post_init__(self) -> None:
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, str):
                object.__setattr__(self, f.name, clean(value))
            elif isinstance(value, list | tuple):
                items = tuple(clean(v) if isinstance(v, str) else v for v in value)
                object.__setattr__(self, f.name, items)
        self.check()

    def check(self) -> None:
        """Raise :class:`PrintInputError` when a field cannot be printed. Subclasses extend this."""


def need_text(value: str, field: str, limit: int = MAX_SHORT, *, required: bool = True) -> None:
    """Refuse an empty required text, or one too long to lay out."""
    if required and not value:
        raise PrintInputError(field, "không được để trống", "must not be empty")
    if len(value) > limit:
        raise PrintInputError(field, f"quá dài (tối đa {limit} ký tự)", f"too long (at most {limit} characters)")


def need_code(value: str, field: str = "dossier_code") -> None:
    """Refuse a code that a Code128 barcode cannot carry: empty, with spaces or non-ASCII letters."""
    need_text(value, field)
    if not _BARCODE_SAFE.fullmatch(value):
        raise PrintInputError(
            field,
            f"«{value}» chỉ được gồm chữ không dấu, chữ số và ký hiệu, không có dấu cách (tối đa 64 ký tự)",
            f"'{value}' may hold only ASCII letters, digits and symbols, no spaces (at most 64 characters)",
        )


def need_count(value: int, field: str, minimum: int = 0, maximum: int = 999) -> None:
    """Refuse a count outside ``minimum..maximum`` (negative copies, zero sets)."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise PrintInputError(
            field,
            f"phải là số nguyên từ {minimum} đến {maximum}",
            f"must be a whole number {minimum}–{maximum}",
        )


def need_order(
    earlier: datetime,
    later: datetime | None,
    field: str,
    reason: tuple[str, str] = ("sớm hơn thời gian nhận hồ sơ", "is earlier than the time received"),
) -> None:
    """Refuse a ``later`` moment (a due date) that comes before ``earlier`` (the time received)."""
    if later is not None and to_vn(later) < to_vn(earlier):
        raise PrintInputError(field, *reason)


def need_rows(rows: tuple[object, ...], field: str, *, minimum: int = 0) -> None:
    """Refuse a table with too few or too many rows."""
    need_count(len(rows), field, minimum, MAX_ROWS)


@dataclass(frozen=True)
class Agency(Printable):
    """The office that issues the paper: its name, unit code, governing body and locality."""

    name: str
    code: str = ""
    parent: str = ""  # governing body printed above the name, e.g. "UBND XÃ HÒA AN"
    place: str = ""  # locality in the dated line: "Hòa An, ngày ... tháng ... năm ..."
    hotline: str = ""  # helpdesk contact printed on notices

    def check(self) -> None:
        need_text(self.name, "agency")


@dataclass(frozen=True)
class Applicant(Printable):
    """The citizen or organisation that submits the dossier."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""

    def check(self) -> None:
        need_text(self.name, "applicant_name")
        need_text(self.address, "address", MAX_LONG, required=False)


@dataclass(frozen=True)
class Procedure(Printable):
    """The administrative procedure requested: national (or provincial) code and name."""

    name: str
    code: str = ""

    def check(self) -> None:
        need_text(self.name, "procedure", MAX_LONG)


@dataclass(frozen=True)
class DocumentLine(Printable):
    """One paper in the dossier and how many of each kind were handed in."""

    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0

    def check(self) -> None:
        need_text(self.name, "document_name", MAX_CELL)
        for count in (self.originals, self.certified_copies, self.photocopies):
            need_count(count, "copies")


@dataclass(frozen=True)
class ReceiptData(Printable):
    """Form 01, the receipt and appointment the citizen takes home and brings back to collect the result."""

    agency: Agency
    dossier_code: str
    applicant: Applicant
    procedure: Procedure
    documents: tuple[DocumentLine, ...]
    received_at: datetime
    officer: str
    sets: int = 1
    processing_time: str = ""  # legal processing time as the catalogue words it: "05 ngày làm việc"
    due_at: datetime | None = None  # None: no appointment (the result is notified)
    collect_at: str = ""
    fee: str = ""

    def check(self) -> None:
        need_code(self.dossier_code)
        need_rows(self.documents, "documents")
        need_count(self.sets, "sets", 1)
        need_text(self.officer, "officer", required=False)
        need_order(self.received_at, self.due_at, "due_at")


# The longest wait a ticket states; a longer estimate is given to it as this and printed "hơn 24 giờ" (rather than
# a ticket refused: 289 people ahead at the default 5 minutes each was past it, and the kiosk printed nothing).
MAX_WAIT_MINUTES = 24 * 60


@dataclass(frozen=True)
class TicketData(Printable):
    """A queue ticket: the number the citizen waits with, and how long the wait may be."""

    office: str
    service_letter: str
    service_name: str
    number: str  # "A012": the service letter and the day's sequence
    issued_at: datetime
    people_ahead: int = 0
    wait_minutes: int | None = None
    qr_payload: str = ""  # e.g. a status page address; no QR when empty
    priority: bool = False  # elderly, disabled, pregnant...: printed as "ƯU TIÊN"

    def check(self) -> None:
        need_text(self.office, "agency")
        need_text(self.service_name, "service")
        need_text(self.number, "ticket_number", 8)
        if not self.number.isalnum():
            raise PrintInputError("ticket_number", f"«{self.number}» không hợp lệ", f"'{self.number}' is invalid")
        need_count(self.people_ahead, "people_ahead", 0, 9999)
        if self.wait_minutes is not None:
            need_count(self.wait_minutes, "wait_minutes", 0, MAX_WAIT_MINUTES)
        need_text(self.qr_payload, "qr_payload", 500, required=False)


@dataclass(frozen=True)
class HandoverItem(Printable):
    """One dossier in a sealed post-office batch."""

    dossier_code: str
    applicant_name: str
    procedure_name: str
    sets: int = 1
    fee: str = ""
    note: str = ""

    def check(self) -> None:
        need_code(self.dossier_code)
        need_text(self.applicant_name, "applicant_name")
        need_text(self.procedure_name, "procedure", MAX_CELL)
        need_count(self.sets, "sets", 1)


@dataclass(frozen=True)
class HandoverData(Printable):
    """The hand-over list (bảng kê giao nhận) a postal agent signs over with a sealed batch of dossiers."""

    sender: str  # the post office, e.g. "Bưu điện văn hóa xã Hòa An"
    receiver: Agency  # the one-stop desk that takes the batch
    handed_at: datetime
    items: tuple[HandoverItem, ...]
    batch_code: str = ""
    seal_number: str = ""
    giver_name: str = ""
    receiver_name: str = ""

    def check(self) -> None:
        need_text(self.sender, "agency")
        need_rows(self.items, "items", minimum=1)
