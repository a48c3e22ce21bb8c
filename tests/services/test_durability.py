"""A dossier whose code was printed survives kill -9 in the middle of a receiving loop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from app.services.setup import open_store
from app.store import dossiers
from app.store.audit import verify

LOOP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.services.context import ServiceContext
    from app.services.receive import ReceiveInput, receive_dossier
    from app.services.setup import open_store
    data = Path(sys.argv[1])
    ctx = ServiceContext(store=open_store(data), data_dir=data)
    while True:
        r = receive_dossier(ctx, ReceiveInput("1.004873", "Nguyễn Văn Bền", "001085012345"))
        sys.stdout.write(r.code + "\\n")
        sys.stdout.flush()
    """
)


@pytest.mark.slow
def test_kill_9_keeps_every_printed_code(data_dir):
    proc = subprocess.Popen([sys.executable, "-c", LOOP, str(data_dir)], stdout=subprocess.PIPE, text=True)
    printed: list[str] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while len(printed) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            printed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    printed += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    proc.stdout.close()
    assert len(printed) >= 40

    store = open_store(data_dir)
    try:
        assert store.integrity_check() == "ok"
        for code in printed:
            assert dossiers.by_code(store, code)["code"] == code
        assert verify(store).ok
        assert len(set(printed)) == len(printed)
    finally:
        store.close()
