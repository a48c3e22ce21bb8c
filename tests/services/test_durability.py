"""A dossier whose code was printed survives kill -9 in the middle of a receiving loop."""

from __future__ import annotations

import textwrap

import pytest

from app.services.setup import open_store
from app.store import dossiers
from app.store.audit import verify
from tests.helpers.crash import kill_9_after

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
    printed = kill_9_after(LOOP, data_dir, 40)

    store = open_store(data_dir)
    try:
        assert store.integrity_check() == "ok"
        for code in printed:
            assert dossiers.by_code(store, code)["code"] == code
        assert verify(store).ok
        assert len(set(printed)) == len(printed)
    finally:
        store.close()
