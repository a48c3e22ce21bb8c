"""The audit chain heads the central server kept for this device, as anchors for ``motcua audit verify --server``.

Why a filter: a restore puts an older chain back on purpose (its audit row records the head it replaced), so the
rows after the restored head are new rows at sequence numbers the server already anchored with the old hashes.
Anchors at or past the newest restore are left out; everything before it must still match, and a chain cut
short or recomputed before it is found.
"""

from __future__ import annotations

from pathlib import Path

from app.services.context import ServiceContext
from app.services.sync_bridge import build_engine
from app.store import audit


def server_anchors(ctx: ServiceContext, data_dir: Path) -> list[tuple[int, str]]:
    """The server's anchors of this device that a legitimate restore cannot have overtaken."""
    anchors = build_engine(ctx.store, Path(data_dir), ctx.clock).fetch_anchors()
    restored = audit.last_restore_seq(ctx.store.conn)
    if restored is None:
        return anchors
    return [(seq, digest) for seq, digest in anchors if seq < restored]
