"""Fairness and numbering under any interleaving of counter actions (hypothesis, against a plain model).

Each example runs on its own day of one store, so examples are independent without building a store each
time, and the step into a new day (yesterday's leftovers closed) is exercised for free.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain import queue as rules
from app.domain.errors import ValidationError
from app.services import queue_calls as calls
from app.services.queue import issue_ticket
from app.services.queue_config import set_counter
from app.store import tickets

COUNTERS = {1: ["A", "B", "C"], 2: ["A"], 3: ["B", "C"]}
LETTERS = st.sampled_from("ABC")
COUNTER = st.sampled_from(sorted(COUNTERS))
ISSUE = st.tuples(st.just("issue"), LETTERS, st.booleans())
CALL = st.tuples(st.just("call"), COUNTER)
OPS = st.one_of(  # issuing and calling listed twice: queues that grow and shrink, not only refusals
    ISSUE,
    ISSUE,
    ISSUE,
    CALL,
    CALL,
    st.tuples(st.just("recall"), COUNTER),
    st.tuples(st.just("no_show"), COUNTER),
    st.tuples(st.just("finish"), COUNTER),
    st.tuples(st.just("transfer"), COUNTER, LETTERS),
    st.tuples(st.just("out_of_order"), COUNTER, st.integers(0, 30)),
    st.tuples(st.just("wait"), st.sampled_from([0, 0, 1, 30, 300])),
)


@dataclass
class Model:
    """What the queue should be: waiting tickets (as the domain sees them) and who is at each counter."""

    waiting: dict[str, rules.Waiting] = field(default_factory=dict)
    at_counter: dict[int, str] = field(default_factory=dict)
    recalls: dict[str, int] = field(default_factory=dict)
    arrival: dict[str, rules.Waiting] = field(default_factory=dict)  # every ticket ever issued, by id


@pytest.fixture
def day_ctx(ctx, supervisor):
    ctx.store.execute("PRAGMA synchronous=OFF")  # speed only: durability is tested elsewhere
    for counter, letters in COUNTERS.items():
        set_counter(supervisor, counter, letters)
    days = itertools.count(1)
    start = ctx.clock.current.replace(hour=8)

    def next_day():
        ctx.clock.current = start + timedelta(days=next(days))
        return ctx

    return next_day


def _check_call(model: Model, counter: int, called_id: str) -> None:
    expected = rules.pick_next(model.waiting.values(), COUNTERS[counter])
    assert expected is not None and expected.ticket_id == called_id
    chosen = model.waiting[called_id]
    served = [t for t in model.waiting.values() if t.letter in COUNTERS[counter]]
    if not chosen.priority:  # priority before regular
        assert not any(t.priority for t in served)
    same_class = [t for t in served if t.priority == chosen.priority]  # FIFO within a class
    assert all((chosen.arrival_at, chosen.seq) <= (t.arrival_at, t.seq) for t in same_class)


def _take_to_counter(model: Model, counter: int, ticket_id: str) -> None:
    model.at_counter.pop(counter, None)
    model.waiting.pop(ticket_id)
    model.at_counter[counter] = ticket_id
    model.recalls[ticket_id] = 0


def _run(ctx, model: Model, op: tuple) -> None:
    kind, *args = op
    if kind == "issue":
        r = issue_ticket(ctx, args[0], "elderly" if args[1] else "")
        row = tickets.ticket(ctx.store, r.ticket.id)
        w = rules.Waiting(r.ticket.id, args[0], args[1], row["arrival_at"], row["seq"])
        assert r.ahead == rules.count_ahead([*model.waiting.values(), w], w)
        model.waiting[w.ticket_id] = model.arrival[w.ticket_id] = w
    elif kind == "call":
        counter = args[0]
        if rules.pick_next(model.waiting.values(), COUNTERS[counter]) is None:
            with pytest.raises(ValidationError):
                calls.call_next(ctx, counter)
            return
        result = calls.call_next(ctx, counter)
        _check_call(model, counter, result.ticket.id)
        _take_to_counter(model, counter, result.ticket.id)
    elif kind == "out_of_order":
        counter, index = args
        if not model.waiting:
            return
        target = sorted(model.waiting.values(), key=rules.order_key)[index % len(model.waiting)]
        number = tickets.ticket(ctx.store, target.ticket_id)["number"]
        assert calls.call_ticket(ctx, counter, number).ticket.id == target.ticket_id
        _take_to_counter(model, counter, target.ticket_id)
    elif kind in ("recall", "no_show", "finish"):
        counter = args[0]
        current = model.at_counter.get(counter)
        recalls = model.recalls.get(current, 0)
        allowed = current is not None and (
            kind == "finish" or (kind == "recall" and recalls < 2) or (kind == "no_show" and recalls >= 2)
        )
        action = {"recall": calls.recall, "no_show": calls.no_show, "finish": calls.finish}[kind]
        if not allowed:
            with pytest.raises(ValidationError):
                action(ctx, counter)
            return
        action(ctx, counter)
        if kind == "recall":
            model.recalls[current] += 1
        else:
            del model.at_counter[counter]
    elif kind == "transfer":
        counter, letter = args
        current = model.at_counter.get(counter)
        if current is None or model.arrival[current].letter == letter:
            with pytest.raises(ValidationError):
                calls.transfer(ctx, counter, letter)
            return
        moved = calls.transfer(ctx, counter, letter).ticket
        original = model.arrival[current]
        assert moved.arrival_at == original.arrival_at  # the place in the queue is kept
        w = rules.Waiting(current, letter, original.priority, original.arrival_at, original.seq)
        model.waiting[current] = model.arrival[current] = w
        del model.at_counter[counter]
    else:
        ctx.clock.advance(seconds=args[0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=20, max_size=80))
def test_any_interleaving_is_fair_and_numbers_are_unique(day_ctx, ops):
    ctx = day_ctx()
    day = ctx.clock.now().date()
    model = Model()
    for op in ops:
        _run(ctx, model, op)
        assert ctx.clock.now().date() == day
    rows = tickets.tickets_between(ctx.store, day.isoformat(), day.isoformat())
    numbers = [r["number"] for r in rows]
    assert len(numbers) == len(set(numbers))
    for letter in "ABC":  # each series is 1, 2, 3 … with no gap and no repeat
        series = sorted(int(n[1:]) for n in numbers if n[0] == letter)
        assert series == list(range(1, len(series) + 1))
    waiting = [r["id"] for r in tickets.waiting(ctx.store, day.isoformat())]
    assert waiting == [t.ticket_id for t in sorted(model.waiting.values(), key=rules.order_key)]
    assert {r["counter"]: r["id"] for r in tickets.serving(ctx.store, day.isoformat())} == model.at_counter
