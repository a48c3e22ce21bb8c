"""Input records for forms 02–06: the notices a dossier may need after the receipt, and its control sheet.

Why separate from :mod:`app.printing.model`: these share the same building blocks (agency, applicant,
procedure) but each carries its own reason fields; keeping them together here keeps both modules short.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.printing.model import (
    MAX_LONG,
    Agency,
    Applicant,
    DocumentLine,
    Printable,
    Procedure,
    need_code,
    need_order,
    need_rows,
    need_text,
)


@dataclass(frozen=True)
class MissingDocument(Printable):
    """One paper the applicant still has to bring (form 02), and why."""

    name: str
    reason: str = ""

    def check(self) -> None:
        need_text(self.name, "document_name")
        need_text(self.reason, "reasons", MAX_LONG, required=False)


@dataclass(frozen=True)
class SupplementRequestData(Printable):
    """Form 02: what is missing or must be corrected before the dossier can be processed."""

    agency: Agency
    dossier_code: str
    applicant: Applicant
    procedure: Procedure
    received_at: datetime
    items: tuple[MissingDocument, ...]
    officer: str
    issued_at: datetime
    helpdesk: str = ""  # contact for questions; the agency's hotline when empty

    def check(self) -> None:
        need_code(self.dossier_code)
        need_rows(self.items, "items", minimum=1)


@dataclass(frozen=True)
class RefusalData(Printable):
    """Form 03: the dossier is not accepted, and the reasons. It may have no dossier code yet."""

    agency: Agency
    applicant: Applicant
    procedure: Procedure
    reasons: tuple[str, ...]
    officer: str
    issued_at: datetime
    dossier_code: str = ""

    def check(self) -> None:
        if self.dossier_code:
            need_code(self.dossier_code)
        need_rows(self.reasons, "reasons", minimum=1)
        for reason in self.reasons:
            need_text(reason, "reasons", MAX_LONG)


@dataclass(frozen=True)
class DelayApologyData(Printable):
    """Form 04: apology for a late result, its cause, the unit responsible and the new appointment."""

    agency: Agency
    dossier_code: str
    applicant: Applicant
    procedure: Procedure
    received_at: datetime
    original_due: datetime
    new_due: datetime
    reason: str
    responsible_unit: str
    officer: str
    issued_at: datetime

    def check(self) -> None:
        need_code(self.dossier_code)
        need_text(self.reason, "reasons", MAX_LONG)
        need_order(self.received_at, self.original_due, "due_at")
        need_order(self.original_due, self.new_due, "new_due_at", ("sớm hơn ngày hẹn cũ", "is before the old date"))


@dataclass(frozen=True)
class StopNoticeData(Printable):
    """Form 05: processing of the dossier is stopped, and why."""

    agency: Agency
    dossier_code: str
    applicant: Applicant
    procedure: Procedure
    received_at: datetime
    reason: str
    officer: str
    issued_at: datetime
    legal_basis: str = ""

    def check(self) -> None:
        need_code(self.dossier_code)
        need_text(self.reason, "reasons", MAX_LONG)


@dataclass(frozen=True)
class Handoff(Printable):
    """One hand-over between units on the control sheet; empty fields leave room to write by hand."""

    giver: str = ""
    receiver: str = ""
    at: datetime | None = None
    result: str = ""  # "trước hạn" / "đúng hạn" / "quá hạn"
    note: str = ""


@dataclass(frozen=True)
class ControlSheetData(Printable):
    """Form 06: travels with the dossier; each unit signs when it hands the dossier on."""

    agency: Agency
    dossier_code: str
    applicant: Applicant
    procedure: Procedure
    received_at: datetime
    documents: tuple[DocumentLine, ...]
    officer: str
    processing_time: str = ""
    due_at: datetime | None = None
    handoffs: tuple[Handoff, ...] = ()

    def check(self) -> None:
        need_code(self.dossier_code)
        need_rows(self.documents, "documents")
        need_rows(self.handoffs, "items")
        need_order(self.received_at, self.due_at, "due_at")
