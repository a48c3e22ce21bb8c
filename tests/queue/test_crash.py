"""A ticket number that was handed out is never handed out again, even after kill -9 mid-issue."""

from __future__ import annotations

import textwrap

import pytest

from app.services.context import ServiceContext
from app.services.queue import issue_ticket
from app.services.setup import open_store
from app.store import tickets
from tests.helpers.crash import kill_9_after

LOOP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.services.context import ServiceContext
    from app.services.queue import issue_ticket
    from app.services.setup import open_store
    data = Path(sys.argv[1])
    ctx = ServiceContext(store=open_store(data), data_dir=data)
    while True:
        r = issue_ticket(ctx, "A", source="kiosk")
        sys.stdout.write(r.ticket.number + "\\n")
        sys.stdout.flush()
    """
)


@pytest.mark.slow
def test_kill_9_while_issuing_never_repeats_a_number(data_dir):
    printed = kill_9_after(LOOP, data_dir, 30)

    store = open_store(data_dir)
    try:
        assert store.integrity_check() == "ok"
        ctx = ServiceContext(store=store, data_dir=data_dir)
        day = ctx.clock.now().date().isoformat()
        for number in printed:  # every number that reached the citizen is in the queue
            assert tickets.ticket_by_number(store, day, number)["state"] == "waiting"
        after = issue_ticket(ctx, "A").ticket.number
        assert int(after[1:]) > max(int(n[1:]) for n in printed)
    finally:
        store.close()
