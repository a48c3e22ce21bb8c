"""The clerk and the background thread take turns: no step starts while a receive is on its way, one step a
:data:`~app.store.checkpoint.STARVE_S` when the clerk never pauses, and every step's hold is measured."""

from __future__ import annotations

import threading
import time

from app.services.receive import ReceiveInput, receive_dossier
from app.store import checkpoint
from tests.helpers.wait import wait_for as _wait_for


def test_no_step_starts_while_a_receive_is_coming_unless_the_thread_starved(ctx, monkeypatch):
    cp = ctx.store.checkpointer
    with cp.coming():
        assert not cp._step_turn()  # a receive is being checked: the thread waits
        monkeypatch.setattr(checkpoint, "STARVE_S", 0.0)
        assert cp._step_turn()  # ... but not for ever
        cp._end_step()
    monkeypatch.setattr(checkpoint, "STARVE_S", 60.0)
    assert cp._step_turn()  # nobody coming
    cp._end_step()
    assert len(cp.holds) == 2 and cp.slow == []


def test_a_starved_step_waits_for_the_clerks_transaction_then_the_clerk_waits_for_it(ctx, monkeypatch):
    monkeypatch.setattr(checkpoint, "STARVE_S", 0.0)
    cp = ctx.store.checkpointer
    took = threading.Event()

    def thread_step() -> None:
        if cp._step_turn():
            took.set()
            time.sleep(0.05)
            cp._end_step()

    with ctx.store.transaction():
        step = threading.Thread(target=thread_step)
        step.start()
        assert not took.wait(0.1)  # never inside the clerk's transaction
    assert took.wait(5)
    with ctx.store.transaction():  # the next transaction waits for that one step
        pass
    step.join()
    assert cp.waited_s > 0.01


def test_a_long_step_is_logged(ctx, monkeypatch, caplog):
    monkeypatch.setattr(checkpoint, "SLOW_STEP_S", 0.0)
    cp = ctx.store.checkpointer
    assert cp._step_turn("index")
    cp._end_step()
    assert cp.slow and cp.slow[0][0] == "index"
    assert "held the write turn" in caplog.text


def test_the_thread_indexes_what_a_busy_clerk_left_once_the_clerk_pauses(ctx, monkeypatch):
    from app.store import search_pending

    monkeypatch.setattr(checkpoint, "IDLE_S", 0.2)
    for i in range(3):
        receive_dossier(ctx, ReceiveInput("1.004873", "Trần Thị Lan", f"001085{i:06d}", pages=1))
    assert _wait_for(lambda: ctx.store.checkpointer.indexed == 3)
    assert not search_pending.waiting(ctx.store.conn)
