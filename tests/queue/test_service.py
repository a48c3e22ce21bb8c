"""Issuing and calling through the real services on a real store: numbering, fairness, bad input, restart."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.services import queue_calls as calls
from app.services.queue import find_ticket, issue_ticket, link_ticket
from app.services.queue_board import board, waiting_for
from app.services.queue_config import get_settings, save_service, set_counter, set_options
from app.services.setup import open_store
from app.store import tickets

# The services' own audit rows (the triggers' row.* rows aside).
SERVICE_AUDIT = "audit_log WHERE action NOT LIKE 'row.%' AND action <> 'audit.track'"


def counts(store) -> tuple[int, int, int, int]:
    """Rows that any write would touch: tickets, events, audit, the day's number series."""
    return tuple(
        store.scalar(f"SELECT COUNT(*) FROM {t}")
        for t in ("queue_tickets", "queue_events", SERVICE_AUDIT, "queue_numbers")  # type: ignore[return-value]
    )


def test_new_office_has_default_services_served_at_counter_1(ctx):
    letters = [s["letter"] for s in tickets.list_services(ctx.store)]
    assert letters == ["A", "B", "C", "D", "E", "F"]
    assert tickets.service(ctx.store, "A")["name_vi"] == "Hộ tịch"
    assert tickets.counter_letters(ctx.store, 1) == letters


def test_numbers_per_service_and_people_ahead(ctx):
    a1 = issue_ticket(ctx, "A")
    a2 = issue_ticket(ctx, "a")
    b1 = issue_ticket(ctx, "B")
    assert [a1.ticket.number, a2.ticket.number, b1.ticket.number] == ["A001", "A002", "B001"]
    assert (a1.ahead, a2.ahead, b1.ahead) == (0, 1, 0)
    assert a2.wait_minutes == 5  # no history yet: five minutes a citizen
    assert a1.to_dict().keys() >= {"number", "service", "issued_at", "ahead"}
    assert a1.qr.startswith("MCQ1|000.00.12.H62|2026-11-16|A001|")
    assert a1.changes.queue


def test_priority_is_called_first_then_first_come(ctx):
    issue_ticket(ctx, "A")
    ctx.clock.advance(minutes=1)
    issue_ticket(ctx, "B")
    ctx.clock.advance(minutes=1)
    elderly = issue_ticket(ctx, "B", "elderly")
    assert elderly.ahead == 0
    called = [calls.call_next(ctx, 1).ticket.number for _ in range(3)]
    assert called == ["B002", "A001", "B001"]


def test_call_next_closes_the_previous_ticket_as_served(ctx):
    issue_ticket(ctx, "A")
    issue_ticket(ctx, "A")
    first = calls.call_next(ctx, 1)
    ctx.clock.advance(minutes=4)
    second = calls.call_next(ctx, 1)
    assert second.closed is not None and second.closed.number == first.ticket.number
    row = tickets.ticket(ctx.store, first.ticket.id)
    assert row["state"] == "served" and row["service_seconds"] == 240
    assert tickets.ticket(ctx.store, second.ticket.id)["wait_seconds"] == 240


@pytest.mark.parametrize(
    "action",
    [
        lambda c: issue_ticket(c, "Q"),
        lambda c: issue_ticket(c, "AB"),
        lambda c: issue_ticket(c, "A", "vip"),
        lambda c: calls.call_next(c, 1),  # nobody waits
        lambda c: calls.call_next(c, 7),  # counter 7 serves nothing
        lambda c: calls.call_next(c, 0),
        lambda c: calls.recall(c, 1),  # nobody at the counter
        lambda c: calls.no_show(c, 1),
        lambda c: calls.finish(c, 1),
        lambda c: calls.transfer(c, 1, "B"),
        lambda c: calls.call_ticket(c, 1, "A999"),
        lambda c: calls.call_ticket(c, 7, "A001"),  # counter 7 serves nothing, even out of order
    ],
)
def test_bad_input_changes_nothing(ctx, action):
    before = counts(ctx.store)
    with pytest.raises(ValidationError) as err:
        action(ctx)
    assert err.value.message("vi") and err.value.message("en")
    assert counts(ctx.store) == before


def test_empty_queue_message_names_the_counter_services(ctx, supervisor):
    set_counter(supervisor, 2, ["C", "D"])
    issue_ticket(ctx, "A")
    with pytest.raises(ValidationError, match="C, D của quầy 2"):
        calls.call_next(ctx, 2)
    with pytest.raises(ValidationError, match="quầy 3 chưa được giao"):
        calls.call_next(ctx, 3)


def test_counters_call_only_their_services(ctx, supervisor):
    set_counter(supervisor, 2, ["C"])
    issue_ticket(ctx, "A", "merit")
    issue_ticket(ctx, "C")
    assert calls.call_next(ctx, 2).ticket.number == "C001"
    assert calls.call_next(ctx, 1).ticket.number == "A001"


def test_recall_then_no_show_after_the_configured_recalls(ctx, supervisor):
    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    with pytest.raises(ValidationError, match="gọi lại thêm 2 lần"):
        calls.no_show(ctx, 1)
    assert calls.recall(ctx, 1).ticket.recalls == 1
    assert calls.recall(ctx, 1).ticket.recalls == 2
    with pytest.raises(ValidationError, match="vắng mặt"):
        calls.recall(ctx, 1)
    gone = calls.no_show(ctx, 1).ticket
    assert gone.state == "no_show"
    set_options(supervisor, recalls_before_no_show=0)
    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    assert calls.no_show(ctx, 1).ticket.state == "no_show"


def test_no_show_can_come_back_out_of_order(ctx, supervisor):
    set_options(supervisor, recalls_before_no_show=0)
    issue_ticket(ctx, "A")
    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    calls.no_show(ctx, 1)
    back = calls.call_ticket(ctx, 1, "a001")
    assert back.ticket.number == "A001" and back.ticket.state == "called"


def test_serve_out_of_order_by_number_or_scanned_qr(ctx):
    issue_ticket(ctx, "A")
    issued = issue_ticket(ctx, "B")
    result = calls.call_ticket(ctx, 1, issued.qr)
    assert result.ticket.number == "B001"
    assert waiting_for(ctx.store, ctx.clock.now().date())[0].number == "A001"
    with pytest.raises(ValidationError, match=r"không còn chờ \(đang được phục vụ\)"):
        calls.call_ticket(ctx, 1, "B001")


def test_transfer_keeps_the_original_arrival(ctx, supervisor):
    set_counter(supervisor, 2, ["B"])
    early = issue_ticket(ctx, "A")
    ctx.clock.advance(minutes=5)
    issue_ticket(ctx, "B")
    calls.call_next(ctx, 1)  # A001 at counter 1
    ctx.clock.advance(minutes=2)
    moved = calls.transfer(ctx, 1, "B").ticket
    assert (moved.number, moved.letter, moved.state) == ("A001", "B", "waiting")
    assert moved.arrival_at == early.ticket.arrival_at
    assert calls.call_next(ctx, 2).ticket.number == "A001"  # came before B001
    with pytest.raises(ValidationError, match="đã thuộc dịch vụ B"):
        calls.transfer(ctx, 2, "B")


def test_transfer_a_waiting_ticket_by_number(ctx):
    issue_ticket(ctx, "A")
    moved = calls.transfer(ctx, 1, "C", "A001").ticket
    assert moved.letter == "C" and moved.state == "waiting"


def test_numbers_restart_next_day_and_yesterday_is_closed(ctx):
    issue_ticket(ctx, "A")
    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    ctx.clock.advance(days=1)
    assert issue_ticket(ctx, "A").ticket.number == "A001"
    states = [r["state"] for r in tickets.tickets_between(ctx.store, "2026-11-16", "2026-11-16")]
    assert states == ["served", "expired"]
    assert calls.call_next(ctx, 1).ticket.day == "2026-11-17"


def test_a_citizen_called_before_midnight_is_finished_after_it_and_a_forgotten_one_closed_later(ctx, supervisor):
    """The hub's rule too (tests/office/test_hostile_clocks.py): the counter's ticket called at 23:58 is still
    its current one at 00:05; one left called at another counter is closed as served once its carry-over ends."""
    ctx.clock.current = ctx.clock.current.replace(hour=23, minute=50)
    set_counter(supervisor, 2, ["A"])
    for _ in range(3):
        issue_ticket(ctx, "A")
    calls.call_next(ctx, 2)  # A001, left there
    calls.call_next(ctx, 1)  # A002
    ctx.clock.advance(minutes=15)  # 00:05 the next day
    assert calls.finish(ctx, 1).ticket.number == "A002"
    issue_ticket(ctx, "A")  # the new day's first ticket closes yesterday's
    day = [(r["number"], r["state"]) for r in tickets.tickets_between(ctx.store, "2026-11-16", "2026-11-16")]
    assert day == [("A001", "called"), ("A002", "served"), ("A003", "expired")]
    ctx.clock.advance(hours=4)
    issue_ticket(ctx, "A")
    assert tickets.tickets_between(ctx.store, "2026-11-16", "2026-11-16")[0]["state"] == "served"


def test_restart_in_the_middle_of_the_day_keeps_the_queue(ctx):
    for letter in "ABAB":
        issue_ticket(ctx, letter)
    calls.call_next(ctx, 1)
    before = [t.number for t in waiting_for(ctx.store, ctx.clock.now().date())]
    ctx.store.close()
    ctx.store = open_store(ctx.data_dir)
    after = [t.number for t in waiting_for(ctx.store, ctx.clock.now().date())]
    assert after == before == ["B001", "A002", "B002"]
    assert board(ctx.store, ctx.clock.now().date()).serving == ((1, "A001"),)
    assert issue_ticket(ctx, "A").ticket.number == "A003"


def test_a_lost_counter_row_never_reissues_a_printed_number(ctx):
    issue_ticket(ctx, "A")
    issue_ticket(ctx, "A")
    ctx.store.execute("DELETE FROM queue_numbers")
    assert issue_ticket(ctx, "A").ticket.number == "A003"


def test_find_ticket(ctx):
    issued = issue_ticket(ctx, "D")
    assert find_ticket(ctx, "d001").id == issued.ticket.id
    assert find_ticket(ctx, issued.qr).number == "D001"
    with pytest.raises(ValidationError, match="không có số"):
        find_ticket(ctx, "D002")


def test_link_ticket_to_the_dossier_received_from_it(ctx):
    from app.services.receive import ReceiveInput, receive_dossier

    issued = issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    dossier = receive_dossier(ctx, ReceiveInput("1.004873", "Nguyễn Văn Bền", "001085012345"))
    changes = link_ticket(ctx, issued.ticket.id, dossier.dossier["id"])
    assert changes.queue and changes.dossier_ids == (dossier.dossier["id"],)
    assert tickets.dossier_ticket(ctx.store, dossier.dossier["id"]) == issued.ticket.id
    assert link_ticket(ctx, issued.ticket.id, dossier.dossier["id"]).queue is False  # again: nothing to do
    other = issue_ticket(ctx, "B")
    with pytest.raises(ValidationError, match="số thứ tự khác"):
        link_ticket(ctx, other.ticket.id, dossier.dossier["id"])
    with pytest.raises(ValidationError):
        link_ticket(ctx, issued.ticket.id, "no-such-dossier")


def test_service_set_up_needs_a_supervisor(ctx, supervisor):
    with pytest.raises(ValidationError, match="người giám sát"):
        save_service(ctx, "G", "Tư pháp")
    save_service(supervisor, "G", "  Tư   pháp ")
    assert tickets.service(ctx.store, "G")["name_vi"] == "Tư pháp"
    assert issue_ticket(ctx, "G").ticket.number == "G001"
    save_service(supervisor, "G", "Tư pháp", active=False)
    with pytest.raises(ValidationError, match="không có dịch vụ “G”"):
        issue_ticket(ctx, "G")
    with pytest.raises(ValidationError):
        set_counter(supervisor, 2, ["G"])


def test_every_write_is_audited(ctx):
    from app.store.audit import verify

    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    calls.recall(ctx, 1)
    calls.finish(ctx, 1)
    actions = [r["action"] for r in ctx.store.query(f"SELECT action FROM {SERVICE_AUDIT} ORDER BY seq")]
    assert actions[-4:] == ["ticket.issued", "ticket.called", "ticket.recalled", "ticket.served"]
    assert verify(ctx.store).ok


def test_options(ctx, supervisor):
    assert get_settings(ctx) == {"recalls_before_no_show": 2, "voice": "clips", "chime": True}
    set_options(supervisor, voice="off", chime=False)
    assert get_settings(ctx) == {"recalls_before_no_show": 2, "voice": "off", "chime": False}
    for bad in ({"voice": "loud"}, {"recalls_before_no_show": 11}):
        with pytest.raises(ValidationError):
            set_options(supervisor, **bad)
    with pytest.raises(ValidationError, match="người giám sát"):
        set_options(ctx, chime=True)
    assert set_options(supervisor).queue is False


def test_apply_setup_is_one_transaction(ctx, supervisor):
    from app.services.queue_config import QueueSetup, apply_setup

    before = counts(ctx.store)
    bad = QueueSetup((("A", "Hộ tịch mới", True), ("G", "  ", True)), {2: ("A", "G")})
    with pytest.raises(ValidationError):
        apply_setup(supervisor, bad)
    assert counts(ctx.store) == before and tickets.service(ctx.store, "A")["name_vi"] == "Hộ tịch"
    good = QueueSetup(
        (("A", "Hộ tịch", True), ("G", "Tư pháp", True), ("B", "Chứng thực", False)),
        {1: ("A",), 2: ("A", "G", "B")},  # B is switched off: counters drop it
        {"recalls_before_no_show": 1, "voice": "tts", "chime": False},
    )
    assert apply_setup(supervisor, good).queue
    assert [s["letter"] for s in tickets.list_services(ctx.store)] == ["A", "G", "C", "D", "E", "F"]
    assert tickets.counter_letters(ctx.store, 2) == ["A", "G"]
    assert get_settings(ctx) == {"recalls_before_no_show": 1, "voice": "tts", "chime": False}
    with pytest.raises(ValidationError, match="người giám sát"):
        apply_setup(ctx, good)
