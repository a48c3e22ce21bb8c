"""A ticket number that was handed out is never handed out again, even after kill -9 mid-issue."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from app.services.context import ServiceContext
from app.services.queue import issue_ticket
from app.services.setup import open_store
from app.store import tickets

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
    proc = subprocess.Popen([sys.executable, "-c", LOOP, str(data_dir)], stdout=subprocess.PIPE, text=True)
    printed: list[str] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while len(printed) < 30 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            printed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    printed += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    proc.stdout.close()
    assert len(printed) >= 30

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
