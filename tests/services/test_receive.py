"""Receiving dossiers: numbering, due dates, fees, and that bad input writes nothing."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.errors import ValidationError
from app.services.receive import DocumentInput, ReceiveInput, receive_dossier
from app.store import settings
from tests.conftest import OFFICE_CODE

GOOD_ID = "001085012345"


# The services' own audit rows (the triggers' row.* rows aside).
SERVICE_AUDIT = "audit_log WHERE action NOT LIKE 'row.%' AND action <> 'audit.track'"


def counts(store) -> tuple[int, int, int, int]:
    return tuple(
        store.scalar(f"SELECT COUNT(*) FROM {t}")  # type: ignore[return-value]
        for t in ("dossiers", "dossier_events", SERVICE_AUDIT, "outbox")
    )


def receive(ctx, **kw):
    base = {"procedure_code": "1.004873", "applicant_name": "Nguyễn Văn Mạnh", "id_number": GOOD_ID}
    base.update(kw)
    return receive_dossier(ctx, ReceiveInput(**base))


def test_first_dossier_of_the_day_gets_number_one(ctx):
    result = receive(ctx)
    assert result.code == f"{OFFICE_CODE}-261116-0001"
    assert result.dossier["status"] == 2
    # 3 working days from Monday 16/11/2026 09:00 -> Thursday 19/11 09:00
    assert result.dossier["due_at"] == "2026-11-19T09:00:00+07:00"


def test_numbers_increase_and_every_write_is_audited_and_queued(ctx):
    codes = [receive(ctx).code for _ in range(3)]
    assert [c[-4:] for c in codes] == ["0001", "0002", "0003"]
    assert counts(ctx.store) == (3, 3, 3 + 1, 3)  # +1 audit row from init


def test_device_slot_numbers_in_its_own_range(ctx):
    with ctx.store.transaction():
        settings.set_many(ctx.store, {"device_slot": 3})
    assert receive(ctx).code.endswith("-3001")


def test_received_at_sets_the_day_of_the_code(ctx):
    result = receive(ctx, received_at=datetime.fromisoformat("2026-11-13T16:00:00+07:00"))
    assert result.code == f"{OFFICE_CODE}-261113-0001"


def test_same_day_procedure_after_cutoff_is_due_next_working_day(ctx):
    # Friday 13/11/2026 at 15:30: certification of a signature is due Monday 16/11.
    result = receive(ctx, procedure_code="2.000884", received_at=datetime.fromisoformat("2026-11-13T15:30:00+07:00"))
    assert result.dossier["due_at"].startswith("2026-11-16")
    assert result.dossier["fee_vnd"] == 10000


def test_per_page_fee(ctx):
    result = receive(ctx, procedure_code="2.000815", pages=5)
    assert result.dossier["fee_vnd"] == 2 * 2000 + 3 * 1000


def test_province_set_fee_stays_empty(ctx):
    assert receive(ctx, procedure_code="1.004873").dossier["fee_vnd"] is None


def test_cccd_qr_fills_the_applicant(ctx):
    qr = f"{GOOD_ID}|123456789|Trần Thị Đặng|01021985|Nữ|Thôn 3, xã Mẫu Sơn, Lạng Sơn|15062021"
    result = receive(ctx, applicant_name="", id_number="", cccd_qr=qr.replace("001085", "001185"))
    assert result.dossier["applicant_name"] == "Trần Thị Đặng"
    assert result.dossier["address"].startswith("Thôn 3")


def test_required_documents_become_the_checklist(ctx):
    docs = receive(ctx, procedure_code="1.001193").documents
    assert docs and all(d["name"] for d in docs)


def test_explicit_documents(ctx):
    docs = (DocumentInput("Tờ khai", originals=1), DocumentInput("Bản sao CCCD", photocopies=2))
    result = receive(ctx, documents=docs)
    assert [d["name"] for d in result.documents] == ["Tờ khai", "Bản sao CCCD"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "12345"}, "id_number"),
        ({"id_number": "999085012345"}, "id_number"),
        ({"applicant_name": ""}, "applicant_name"),
        ({"procedure_code": "9.999999"}, "procedure"),
        ({"channel": "fax"}, "channel"),
        ({"phone": "12ab"}, "phone"),
        ({"procedure_code": "2.000815", "pages": None}, "pages"),
        ({"received_at": datetime.fromisoformat("2030-01-01T08:00:00+07:00")}, "received_at"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(ctx, overrides, field):
    before = counts(ctx.store)
    with pytest.raises(ValidationError) as err:
        receive(ctx, **overrides)
    assert err.value.field == field
    assert err.value.message("vi")
    assert counts(ctx.store) == before


def test_disk_full_is_an_environment_error_and_writes_nothing(ctx):
    from app.store.errors import EnvironmentStoreError

    receive(ctx)
    before = counts(ctx.store)
    pages = ctx.store.scalar("PRAGMA page_count")
    ctx.store.conn.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(EnvironmentStoreError) as err:
        for _ in range(200):
            receive(ctx, address="x" * 300)
    assert err.value.kind == "full"
    ctx.store.conn.execute("PRAGMA max_page_count=1073741823")
    after = counts(ctx.store)
    # Whatever was committed before the disk filled is whole: one row of each kind per dossier.
    added = after[0] - before[0]
    assert after == (before[0] + added, before[1] + added, before[2] + added, before[3] + added)


def test_dossier_is_linked_to_the_ticket_it_came_from(ctx):
    from app.services.queue import issue_ticket
    from app.store import tickets

    ticket = issue_ticket(ctx, "A").ticket
    result = receive(ctx, ticket_id=ticket.id)
    assert tickets.dossier_ticket(ctx.store, result.dossier["id"]) == ticket.id
    assert result.changes.queue


def test_unknown_ticket_writes_nothing(ctx):
    before = counts(ctx.store)
    with pytest.raises(ValidationError) as err:
        receive(ctx, ticket_id="no-such-ticket")
    assert err.value.field == "ticket"
    assert counts(ctx.store) == before
