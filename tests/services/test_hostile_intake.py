"""Hostile intake: text pasted into a dossier's free fields, as a clerk pastes it from a chat, a PDF or a terminal.

What was found: tabs and line breaks were folded, but an ESC (a terminal's colour code), a BEL, a zero-width space
or a right-to-left override in the address, email, phone, notes, a typed document name or a status reason was
stored as it came. The province's server refuses control characters (sync/protocol/bounds.py), so such a dossier
was received, printed, and then waited rejected; ``motcua dossier show`` wrote the escape to the terminal. Now each
is refused before anything is written, by field, naming the character by its code point (it cannot be seen).
"""

from __future__ import annotations

from datetime import UTC

import pytest

from app.domain.errors import ValidationError
from app.domain.status import Status
from app.services.applicant_correction import correct_applicant
from app.services.receive import DocumentInput, ReceiveInput, receive_dossier
from app.services.status_change import change_status
from app.store import outbox
from sync.protocol.validation import check_event

GOOD_ID = "001085012345"
ODD = {"ESC": "\x1b[31m", "BEL": "\x07", "NUL": "\x00", "zero-width space": "\u200b", "RLO": "\u202e",
       "BOM": "\ufeff", "word joiner": "\u2060"}


def written(store) -> tuple[int, ...]:
    return tuple(store.scalar(f"SELECT COUNT(*) FROM {t}") for t in ("dossiers", "dossier_events", "outbox",
                                                                     "daily_counters"))


def receive(ctx, **kw):
    base = {"procedure_code": "1.004873", "applicant_name": "Nguyễn Văn Mạnh", "id_number": GOOD_ID}
    return receive_dossier(ctx, ReceiveInput(**{**base, **kw}))


def _sync_problem(ctx) -> object:
    """What the province's own check says of the newest pending event (None: it would be accepted)."""
    event = outbox.pending(ctx.store)[-1]
    now = ctx.clock.now().astimezone(UTC)
    return check_event(event.id, event.kind, event.aggregate_id, event.payload, event.created_at,
                       str(event.payload.get("office_code") or "000.00.12.H62"), now=now)


@pytest.mark.parametrize("name", sorted(ODD))
@pytest.mark.parametrize("field", ["address", "email", "phone", "notes"])
def test_a_control_or_invisible_character_is_refused_by_field_and_code_point(ctx, field, name):
    odd = ODD[name]
    value = {"address": f"Thôn 1{odd}, xã A", "email": f"lan{odd}@example.vn", "phone": f"0912{odd}345678",
             "notes": f"gọi lại{odd} sau"}[field]
    before = written(ctx.store)
    with pytest.raises(ValidationError) as err:
        receive(ctx, **{field: value})
    assert err.value.field == field
    point = f"U+{ord(odd[0]):04X}"
    assert point in err.value.message("vi") and point in err.value.message("en")
    assert err.value.message("vi").startswith(("Địa chỉ:", "Thư điện tử:", "Số điện thoại:", "Ghi chú:"))
    assert written(ctx.store) == before  # nothing stored, no number spent


def test_a_typed_document_name_with_an_escape_is_refused(ctx):
    before = written(ctx.store)
    with pytest.raises(ValidationError) as err:
        receive(ctx, documents=[DocumentInput("Tờ khai\x1b[2J", originals=1)])
    assert err.value.field == "documents" and "U+001B" in err.value.message("vi")
    assert err.value.message("vi").startswith("Giấy tờ đã nhận:")
    assert written(ctx.store) == before


def test_an_invisible_character_in_the_name_is_named_not_shown(ctx):
    with pytest.raises(ValidationError) as err:
        receive(ctx, applicant_name="Nguyễn\u200bVăn Mạnh")
    assert err.value.field == "applicant_name"
    assert "U+200B" in err.value.message("vi") and "\u200b" not in err.value.message("vi")


def test_pasted_tabs_line_breaks_and_decomposed_accents_are_received_and_sync_clean(ctx):
    result = receive(ctx, applicant_name="Nguye\u0302\u0303n\tVa\u0306n\r\nMạnh",
                     address="Thôn 1,\r\n\txã A", notes="dòng 1\ndòng 2", phone="+84 912 345 678")
    row = result.dossier
    assert (row["applicant_name"], row["address"], row["notes"], row["phone"]) == (
        "Nguyễn Văn Mạnh", "Thôn 1, xã A", "dòng 1 dòng 2", "0912345678")
    assert _sync_problem(ctx) is None


def test_a_status_reason_with_an_escape_is_refused_and_a_clean_one_syncs(ctx):
    code = receive(ctx).code
    before = written(ctx.store)
    with pytest.raises(ValidationError) as err:
        change_status(ctx, code, Status.NOT_RECEIVED, reason="thiếu giấy tờ\x1b[31m")
    assert err.value.field == "reason" and "U+001B" in err.value.message("en")
    assert written(ctx.store) == before
    change_status(ctx, code, Status.NOT_RECEIVED, reason="thiếu\tgiấy tờ")
    assert _sync_problem(ctx) is None


def test_a_correction_reason_or_address_with_a_control_character_is_refused(ctx):
    code = receive(ctx).code
    with pytest.raises(ValidationError) as err:
        correct_applicant(ctx, code, {"address": "Thôn 2"}, reason="gõ nhầm\x07")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        correct_applicant(ctx, code, {"address": "Thôn\x1b[2J 2"}, reason="gõ nhầm")
    assert err.value.field == "address"


@pytest.mark.parametrize("odd", ["\x1b[2J", "\u200b", "\u202e"])
def test_names_printed_on_every_paper_refuse_invisible_characters(ctx, tmp_path, odd):
    """The office's name heads every receipt and ticket, a service's name is on tickets and the waiting-room
    screen, a user's full name signs receipts: each refuses the same characters, by field."""
    from app.domain.queue import validate_service_name
    from app.services.accounts import create_user
    from app.services.context import Actor, ServiceContext
    from app.services.setup import init_office, open_store

    with pytest.raises(ValidationError) as err:
        validate_service_name(f"Hộ{odd} tịch")
    assert err.value.field == "service" and f"U+{ord(odd[0]):04X}" in err.value.message("vi")

    ctx.actor = Actor("admin", "Quản trị", "admin")
    with pytest.raises(ValidationError) as err:
        create_user(ctx, "lan2", f"Nguyễn{odd} Thị Lan", "clerk", "mat-khau-dai-du-12")
    assert err.value.field == "full_name" and err.value.message("vi").startswith("Họ tên người dùng:")

    store = open_store(tmp_path / "new")
    try:
        fresh = ServiceContext(store=store, data_dir=tmp_path / "new", clock=ctx.clock)
        with pytest.raises(ValidationError) as err:
            init_office(fresh, office_code="000.00.12.H62", office_name=f"UBND xã{odd} A",
                        admin_password="mat-khau-quan-tri")
        assert err.value.field == "office_name"
    finally:
        store.close()


@pytest.mark.parametrize("field", ["address", "notes"])
def test_an_emoji_the_forms_cannot_print_is_refused_by_field(ctx, field: str) -> None:
    """Pasted from a chat app: the receipt printed an empty box where the clerk saw 😀 (no glyph in the font)."""
    before = written(ctx.store)
    with pytest.raises(ValidationError) as caught:
        receive(ctx, **{field: "Thôn Đông 😀"})
    assert caught.value.field == field and "U+1F600" in caught.value.message("vi")
    assert written(ctx.store) == before
    made = receive(ctx, address="Thôn Đông ☀ ★ №")  # symbols the font has still print
    assert ctx.store.scalar("SELECT address FROM dossiers WHERE code = ?", (made.code,)) == "Thôn Đông ☀ ★ №"
