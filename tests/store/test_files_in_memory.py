"""The high-water and audit-anchor files are kept in memory between receives, and re-read once another
process has written them (a ``motcua`` command on the same PC, a restore)."""

from __future__ import annotations

import json
import os
import time

from app.services.receive import ReceiveInput, receive_dossier
from app.store import counters, local_anchor
from app.store.audit import chain_head


def _receive(ctx) -> str:
    return receive_dossier(ctx, ReceiveInput("1.004873", "Vũ Văn Đông", "001085012345")).code


def _number(code: str) -> int:
    return int(code.rsplit("-", 1)[1])


def test_the_files_are_not_read_again_while_only_this_process_writes_them(ctx, monkeypatch):
    _receive(ctx)
    reads: list[str] = []
    real = json.loads
    monkeypatch.setattr(json, "loads", lambda text, *a, **k: reads.append(text) or real(text, *a, **k))
    for _ in range(3):
        _receive(ctx)
    assert not [t for t in reads if '"seq"' in t or "|" in t], reads  # neither the anchor nor the high-water file
    assert local_anchor.read(ctx.data_dir) == chain_head(ctx.store.conn)


def test_a_high_water_mark_written_by_another_process_is_seen(ctx):
    first = _receive(ctx)
    unit, day = first.split("-")[0], ctx.clock.now().date().isoformat()
    path = ctx.data_dir / counters.HIGHWATER_FILE
    data = json.loads(path.read_text("utf-8"))
    data[f"{unit}|{day}|0"] = _number(first) + 40  # a command on this PC numbered 40 more, then a restore undid them
    tmp = path.with_name("other.tmp")
    tmp.write_text(json.dumps(data), "utf-8")
    os.replace(tmp, path)
    assert _number(_receive(ctx)) == _number(first) + 41


def test_an_anchor_written_by_another_process_is_not_overwritten(ctx):
    _receive(ctx)
    seq, digest = chain_head(ctx.store.conn)
    time.sleep(0.05)  # past the file system's clock tick, as another process's write would be
    ahead = json.dumps({"seq": seq + 100, "hash": digest}).ljust(128).encode("ascii")
    fd = os.open(local_anchor.path_for(ctx.data_dir), os.O_WRONLY)  # in place, the same size: as _write does
    try:
        os.write(fd, ahead)
    finally:
        os.close(fd)
    _receive(ctx)  # its chain does not hold the anchored row: the evidence stays
    assert local_anchor.read(ctx.data_dir) == (seq + 100, digest)
