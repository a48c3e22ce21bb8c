"""Build the printing layer's input records from the store: the one place that knows both.

Why here: ``app.printing`` takes frozen dataclasses and knows nothing of SQL, and the store knows nothing of
paper. Each function reads what one document needs (the dossier, its documents and events, the office settings,
the procedure's processing rule, a queue ticket) and returns the record; what the store does not hold yet (the
new date of a delayed dossier) comes in as arguments.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain import queue as queue_rules
from app.domain import supplement
from app.domain.deadlines import ProcessingRule
from app.domain.errors import ValidationError
from app.domain.fees import format_vnd
from app.domain.status import Status
from app.domain.timezone import to_vn
from app.printing import model as pm
from app.printing import model_notices as pn
from app.printing.printers import PrintSettings
from app.services.context import ServiceContext
from app.store import catalog, dossiers, settings, tickets, users
from app.store.errors import NotFoundError

FORMS = ("02", "03", "04", "05", "06")
_LOCALITY = re.compile(r"\b(xã|phường|thị trấn|đặc khu)\s+(.+)$", re.IGNORECASE)


def _dt(text: str | None) -> datetime | None:
    return to_vn(datetime.fromisoformat(text)) if text else None


def _when(text: str) -> datetime:
    """A timestamp the store always holds (received_at, issued_at), in Vietnam time."""
    return to_vn(datetime.fromisoformat(text))


def agency(ctx: ServiceContext) -> pm.Agency:
    """The office as printed in the form header (name, unit code, governing body, locality)."""
    values = settings.all_values(ctx.store)
    name = values["office_name"] or "Bộ phận Một cửa"
    locality = _LOCALITY.search(name)  # "… xã Hòa An" -> "Hòa An" for the dated line
    return pm.Agency(
        name=name, code=values["office_code"], parent=values["agency_name"], place=locality.group(2) if locality else ""
    )


def officer_name(ctx: ServiceContext, username: str) -> str:
    """The user's full name; blank (to be written by hand) for CLI and unknown accounts."""
    try:
        return str(users.by_username(ctx.store, username)["full_name"])
    except NotFoundError:
        return ""


def processing_text(rule: ProcessingRule, channel: str) -> str:
    """The legal processing time as printed on form 01: "03 ngày làm việc", "Trong ngày", or blank."""
    days = rule.days_for(channel)
    if days:
        return f"{days:02d} ngày làm việc"
    if rule.same_day:
        cutoff = f" (nhận sau {rule.cutoff:%H:%M} thì trả ngày làm việc tiếp theo)" if rule.cutoff else ""
        return "Trong ngày" + cutoff
    return ""


def _dossier(ctx: ServiceContext, code: str) -> tuple[dict[str, Any], pm.Applicant, pm.Procedure]:
    row = dossiers.by_code(ctx.store, code)
    applicant = pm.Applicant(row["applicant_name"], row["address"], row["phone"], row["email"], row["id_number"])
    return row, applicant, pm.Procedure(row["procedure_name"], row["procedure_code"])


def _documents(ctx: ServiceContext, row: dict[str, Any]) -> tuple[pm.DocumentLine, ...]:
    return tuple(
        pm.DocumentLine(d["name"], d["originals"], d["certified_copies"], d["photocopies"])
        for d in dossiers.documents(ctx.store, row["id"])
    )


def _processing(ctx: ServiceContext, row: dict[str, Any]) -> str:
    try:
        return processing_text(catalog.get(ctx.store, row["procedure_code"]).rule, row["channel"])
    except NotFoundError:  # a procedure withdrawn from the catalogue since: the receipt still prints
        return ""


def receipt(ctx: ServiceContext, code: str) -> pm.ReceiptData:
    """Form 01 for dossier ``code``."""
    row, applicant, procedure = _dossier(ctx, code)
    fee = row["fee_vnd"]
    return pm.ReceiptData(
        agency=agency(ctx),
        dossier_code=row["code"],
        applicant=applicant,
        procedure=procedure,
        documents=_documents(ctx, row),
        received_at=_when(row["received_at"]),
        officer=officer_name(ctx, row["received_by"]),
        sets=row["sets"],
        processing_time=_processing(ctx, row),
        due_at=_dt(row["due_at"]),
        collect_at=settings.get(ctx.store, "office_address") or agency(ctx).name,
        fee="" if fee is None else ("Không thu phí, lệ phí" if fee == 0 else format_vnd(fee)),
    )


def _last_reason(ctx: ServiceContext, row: dict[str, Any], status: Status) -> str:
    reasons = [e["reason"] for e in dossiers.events(ctx.store, row["id"]) if e["to_status"] == int(status)]
    return reasons[-1] if reasons else ""


def _need(value: str | None, field: str, what_vi: str, what_en: str) -> str:
    if not value:
        raise ValidationError(field, f"cần {what_vi} để in biểu mẫu này", f"{what_en} is needed for this form")
    return value


def form(
    ctx: ServiceContext, number: str, code: str, *, reason: str = "", unit: str = "", new_due: datetime | None = None
) -> Any:
    """The record of form ``number`` (02–06) for dossier ``code``; ``reason`` overrides the one in the history."""
    if number not in FORMS:
        raise ValueError(f"no form {number!r} (02–06)")  # the CLI's argument choices keep users from here
    row, applicant, procedure = _dossier(ctx, code)
    common = {"agency": agency(ctx), "dossier_code": row["code"], "applicant": applicant, "procedure": procedure}
    received, now, officer = _when(row["received_at"]), ctx.clock.now(), officer_name(ctx, ctx.actor.username)
    if number == "02":
        names, why = supplement.decode(reason or _last_reason(ctx, row, Status.SUPPLEMENT))
        _need("; ".join(names), "reason", "nội dung cần bổ sung", "what is missing")
        items = tuple(pn.MissingDocument(name, why) for name in names)  # one row each, the reason on every row
        return pn.SupplementRequestData(**common, received_at=received, items=items, officer=officer, issued_at=now)
    if number == "03":
        why = _need(reason or _last_reason(ctx, row, Status.NOT_RECEIVED), "reason", "lý do từ chối", "a reason")
        return pn.RefusalData(**common, reasons=(why,), officer=officer, issued_at=now)
    if number == "05":
        why = _need(reason or _last_reason(ctx, row, Status.STOPPED), "reason", "lý do dừng", "a reason")
        return pn.StopNoticeData(**common, received_at=received, reason=why, officer=officer, issued_at=now)
    due = _dt(row["due_at"])
    if number == "04":
        return pn.DelayApologyData(
            **common,
            received_at=received,
            original_due=_need(due, "date", "ngày hẹn trả", "a due date"),  # type: ignore[arg-type]
            new_due=_need(new_due, "date", "ngày hẹn mới (--new-due)", "the new date (--new-due)"),  # type: ignore[arg-type]
            reason=_need(reason, "reason", "lý do chậm (--reason)", "the cause of delay (--reason)"),
            responsible_unit=_need(unit, "office_name", "đơn vị chậm (--unit)", "the late unit (--unit)"),
            officer=officer,
            issued_at=now,
        )
    return pn.ControlSheetData(
        **common,
        received_at=received,
        documents=_documents(ctx, row),
        officer=officer_name(ctx, row["received_by"]),
        processing_time=_processing(ctx, row),
        due_at=due,
    )


def ticket(ctx: ServiceContext, number: str) -> pm.TicketData:
    """Today's queue ticket ``number`` (or its scanned QR), with the people ahead and the wait as of now."""
    from app.services.queue import HISTORY_DAYS, find_ticket

    found = find_ticket(ctx, number)
    row = tickets.ticket(ctx.store, found.id) or {}
    service = tickets.service(ctx.store, found.letter) or {"name_vi": found.letter}
    ahead = tickets.count_ahead(ctx.store, found.day, row) if found.state == "waiting" else 0
    since = (date.fromisoformat(found.day) - timedelta(days=HISTORY_DAYS)).isoformat()
    average = tickets.avg_service_seconds(ctx.store, found.letter, since)
    wait = queue_rules.estimate_wait_minutes(ahead, average, tickets.counters_serving(ctx.store, found.letter))
    office_code = settings.get(ctx.store, "office_code")
    return pm.TicketData(
        office=agency(ctx).name,
        service_letter=found.letter,
        service_name=service["name_vi"],
        number=found.number,
        issued_at=_when(found.issued_at),
        people_ahead=ahead,
        wait_minutes=min(wait, pm.MAX_WAIT_MINUTES) if found.state == "waiting" else None,
        qr_payload=queue_rules.qr_payload(office_code, found.day, found.number, found.id),
        priority=found.priority,
    )


def issued_ticket(ctx: ServiceContext, result: Any) -> pm.TicketData:
    """A ticket as the office hub issued it (an ``IssueResult``): the hub has the queue, so the people ahead and
    the wait are the hub's answer, not this PC's store."""
    t = result.ticket
    return pm.TicketData(
        office=agency(ctx).name,
        service_letter=t.letter,
        service_name=result.service_name,
        number=t.number,
        issued_at=_when(t.issued_at),
        people_ahead=result.ahead,
        wait_minutes=None if result.wait_minutes is None else min(result.wait_minutes, pm.MAX_WAIT_MINUTES),
        qr_payload=result.qr,
        priority=t.priority,
    )


def handover(ctx: ServiceContext, day: date, *, sender: str = "", batch: str = "", seal: str = "") -> pm.HandoverData:
    """Post-channel dossiers received on ``day`` and not yet moved on (status 1–2): one sealed batch."""
    flt = dossiers.ListFilter(day=day.isoformat(), channel="post", statuses=(int(Status.NEW), int(Status.RECEIVED)))
    rows = sorted(dossiers.by_seqs(ctx.store, dossiers.list_seqs(ctx.store, flt)).values(), key=lambda r: r["code"])
    if not rows:
        raise ValidationError(
            "date", f"ngày {day:%d/%m/%Y} không có hồ sơ qua bưu điện chờ bàn giao", f"no postal dossiers on {day}"
        )
    items = tuple(
        pm.HandoverItem(
            r["code"],
            r["applicant_name"],
            r["procedure_name"],
            r["sets"],
            "" if r["fee_vnd"] is None else format_vnd(r["fee_vnd"]),
        )
        for r in rows
    )
    receiver = agency(ctx)
    return pm.HandoverData(
        sender=sender or f"Bưu điện {receiver.place}".strip(),
        receiver=receiver,
        handed_at=ctx.clock.now(),
        items=items,
        batch_code=batch or f"BK-{day:%y%m%d}",
        seal_number=seal,
        receiver_name=officer_name(ctx, ctx.actor.username),
    )


def print_settings(ctx: ServiceContext) -> PrintSettings:
    """The office's printers from the ``printers`` setting; PDFs go to ``<data dir>/printouts`` by default."""
    data = dict(settings.get(ctx.store, "printers") or {})
    data.setdefault("pdf_dir", str(Path(ctx.data_dir) / "printouts"))
    return PrintSettings.from_dict(data)
