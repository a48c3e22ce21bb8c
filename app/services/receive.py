"""Receiving a walk-in (or postal) dossier: validate, number, store, audit and queue for sync in one transaction.

Everything is checked before the transaction starts, so bad input writes nothing. The dossier code is taken
inside the transaction from the highest number this device has ever issued or seen, and the number is then
written to the high-water file, so a code that was printed is never handed out again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import lru_cache
from typing import Any

from app.domain import codes
from app.domain.applicant import Applicant, validate_applicant
from app.domain.cccd import parse_cccd_qr
from app.domain.deadlines import OfficeHours, due_at
from app.domain.errors import ValidationError
from app.domain.fees import compute_fee
from app.domain.procedures import Procedure, procedure_from_catalog
from app.domain.status import Status
from app.domain.text import clean_text, plain_text
from app.domain.timezone import check_pc_clock, to_vn
from app.services.calendar_source import load_calendar
from app.services.changes import Changes
from app.services.clock import iso
from app.services.context import ServiceContext
from app.services.ids import new_id
from app.services.slotless import refuse_dossier_without_slot
from app.store import audit, catalog, counters, dossiers, outbox, settings
from app.store.errors import NotFoundError

CHANNELS = ("counter", "post", "online")


@dataclass(frozen=True)
class DocumentInput:
    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0
    pages: int | None = None


@dataclass(frozen=True)
class ReceiveInput:
    procedure_code: str
    applicant_name: str = ""
    id_number: str = ""
    cccd_qr: str = ""
    phone: str = ""
    address: str = ""
    email: str = ""
    channel: str = "counter"
    pages: int | None = None
    copies: int = 1
    sets: int = 1
    received_at: datetime | None = None
    documents: tuple[DocumentInput, ...] | None = None  # None: the procedure's required documents
    notes: str = ""
    ticket_id: str | None = None  # the queue ticket the citizen was called with, linked in the same transaction


@dataclass(frozen=True)
class ReceiveResult:
    dossier: dict[str, Any]
    documents: list[dict[str, Any]]
    changes: Changes = field(default_factory=Changes)

    @property
    def code(self) -> str:
        return str(self.dossier["code"])


def office_hours(ctx: ServiceContext) -> OfficeHours:
    def parse(value: str, default: time) -> time:
        try:
            return time.fromisoformat(value)
        except (TypeError, ValueError):
            return default

    return OfficeHours(
        parse(settings.get(ctx.store, "open_time"), time(7, 30)),
        parse(settings.get(ctx.store, "close_time"), time(17, 0)),
    )


def _applicant(inp: ReceiveInput, today: Any) -> Applicant:
    if inp.cccd_qr.strip():
        qr = parse_cccd_qr(inp.cccd_qr)
        return validate_applicant(
            inp.applicant_name or qr.full_name,
            inp.id_number or qr.id_number,
            inp.phone,
            inp.address or qr.address,
            inp.email,
            qr.birth_date,
            qr.sex,
            today=today,
        )
    return validate_applicant(inp.applicant_name, inp.id_number, inp.phone, inp.address, inp.email, today=today)


def _received_at(inp: ReceiveInput, now: datetime) -> datetime:
    check_pc_clock(now)
    if inp.received_at is None:
        return now
    at = to_vn(inp.received_at)
    if at > now + timedelta(minutes=5):
        raise ValidationError("received_at", "không được ở tương lai", "must not be in the future")
    if at.year < 2020:
        raise ValidationError("received_at", "ngày tiếp nhận không hợp lệ (trước năm 2020)", "is before 2020")
    return at


@lru_cache(maxsize=64)
def _catalogued(text: str, fee_amount_vnd: int | None) -> tuple[Procedure, tuple[tuple[str, int, int], ...]]:
    """A procedure record parsed and checked once, not on every receive (keyed by its stored text and fee):
    the procedure, and its default documents as (name, originals, certified copies)."""
    record = catalog.parse_record(text, fee_amount_vnd)
    required = tuple(
        (clean_text(d["name_vi"]), d.get("original") or 0, d.get("copy") or 0)
        for d in record.get("documents") or ()
        if not d.get("conditional")
    )
    return procedure_from_catalog(record), required


def _documents(inp: ReceiveInput, required: tuple[tuple[str, int, int], ...]) -> list[dict[str, Any]]:
    if inp.documents is None:
        return [
            {"name": name, "originals": originals, "certified_copies": copies, "photocopies": 0, "pages": None}
            for name, originals, copies in required
        ]
    docs = []
    for d in inp.documents:
        name = plain_text(d.name, "documents")
        if not name:
            raise ValidationError("documents", "tên giấy tờ không được để trống", "a document name is empty")
        if (
            min(d.originals, d.certified_copies, d.photocopies) < 0
            or max(d.originals, d.certified_copies, d.photocopies) > 99
        ):
            raise ValidationError(
                "documents", f"số bản của “{name}” phải từ 0 đến 99", f"counts of “{name}” must be 0–99"
            )
        docs.append(
            {
                "name": name,
                "originals": d.originals,
                "certified_copies": d.certified_copies,
                "photocopies": d.photocopies,
                "pages": d.pages,
            }
        )
    return docs


def receive_dossier(ctx: ServiceContext, inp: ReceiveInput) -> ReceiveResult:
    """Receive one dossier; the store's background thread starts no step while it is checked and written."""
    with ctx.store.checkpointer.coming():
        return _receive(ctx, inp)


def _receive(ctx: ServiceContext, inp: ReceiveInput) -> ReceiveResult:
    store = ctx.store
    office_code = settings.get(store, "office_code")
    if not office_code:
        raise ValidationError(
            "office_code",
            "chưa khởi tạo đơn vị: hãy chạy “motcua init”",
            "the office is not set up: run “motcua init”",
        )
    refuse_dossier_without_slot(store)
    slot = int(settings.get(store, "device_slot"))
    now = ctx.clock.now()
    received = _received_at(inp, now)
    applicant = _applicant(inp, received.date())
    if inp.channel not in CHANNELS:
        raise ValidationError("channel", "phải là counter, post hoặc online", "must be counter, post or online")
    if not 1 <= inp.sets <= 99:
        raise ValidationError("sets", "số bộ hồ sơ phải từ 1 đến 99", "number of sets must be 1–99")
    try:
        procedure, required = _catalogued(*catalog.record_text(store, inp.procedure_code.strip()))
    except NotFoundError as exc:
        raise ValidationError(
            "procedure",
            f"không có thủ tục mã “{inp.procedure_code}” trong danh mục",
            f"no procedure with code “{inp.procedure_code}” in the catalogue",
        ) from exc
    fee = compute_fee(procedure.fee, inp.pages, inp.copies)
    due = due_at(received, procedure.rule, load_calendar(store), inp.channel, office_hours(ctx))
    docs = _documents(inp, required)
    notes = plain_text(inp.notes, "notes")  # before the transaction: a refused note costs no dossier number
    if inp.ticket_id:
        from app.store import tickets

        if tickets.ticket(store, inp.ticket_id) is None:
            raise ValidationError("ticket", "không tìm thấy số thứ tự này", "no such queue ticket")

    day = received.date()
    yymmdd = day.strftime("%y%m%d")
    day_iso = day.isoformat()
    rng = codes.slot_range(slot)
    highwater = counters.HighWater(ctx.data_dir)
    pending = counters.Pending()  # the high-water file's fsync runs beside the commit's; waited for on exit
    with pending, store.transaction():
        seen = [
            n
            for n in (
                counters.last_number(store, office_code, day_iso, slot),
                dossiers.highest_number(store, office_code, yymmdd, rng.start, rng.stop - 1),
                highwater.get(office_code, day_iso, slot),
            )
            if n is not None
        ]
        number = codes.next_number(slot, max(seen) if seen else None)
        highwater.record_in_background(pending, office_code, day_iso, slot, number, today=now.date())
        code = codes.format_code(office_code, day, number)
        dossier_id = new_id()
        stamp = iso(now)
        row: dict[str, Any] = {
            "id": dossier_id,
            "code": code,
            "office_code": office_code,
            "procedure_code": procedure.code,
            "procedure_name": procedure.name_vi,
            "applicant_name": applicant.name,
            "id_number": applicant.id_number,
            "phone": applicant.phone,
            "email": applicant.email,
            "address": applicant.address,
            "birth_date": applicant.birth_date.isoformat() if applicant.birth_date else None,
            "sex": applicant.sex,
            "channel": inp.channel,
            "status": int(Status.RECEIVED),
            "received_at": iso(received),
            "received_day": day_iso,
            "due_at": iso(due) if due else None,
            "fee_vnd": fee,
            "pages": inp.pages,
            "copies": inp.copies,
            "sets": inp.sets,
            "received_by": ctx.actor.username,
            "device_slot": slot,
            "notes": notes,
            "updated_at": stamp,
        }
        dossiers.insert(store, row, docs)
        dossiers.add_event(
            store,
            {
                "id": new_id(),
                "dossier_id": dossier_id,
                "kind": "received",
                "to_status": int(Status.RECEIVED),
                "actor": ctx.actor.username,
                "at": iso(received),
            },
        )
        counters.save_number(store, office_code, day_iso, slot, number)
        catalog.bump_use(store, procedure.code)
        audit.append(
            store,
            at=stamp,
            actor=ctx.actor.username,
            action="dossier.receive",
            object_type="dossier",
            object_id=code,
            detail={"id": dossier_id, "procedure": procedure.code, "fee_vnd": fee},
        )
        outbox.append(
            store,
            event_id=new_id(),
            kind="dossier.received",
            aggregate_id=dossier_id,
            payload={**row, "documents": docs},
            created_at=stamp,
        )
        if inp.ticket_id:
            from app.services.queue import link_ticket

            link_ticket(ctx, inp.ticket_id, dossier_id)
    changes = Changes(dossier_ids=(dossier_id,), dossier_created=True, queue=bool(inp.ticket_id))
    return ReceiveResult(dossier=row, documents=docs, changes=changes)
