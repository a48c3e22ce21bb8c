"""One write transaction that ends with its audit row: the shape of every simple administrative change."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from app.services.clock import iso
from app.services.context import ServiceContext
from app.store import audit


@contextlib.contextmanager
def audited(
    ctx: ServiceContext, action: str, object_type: str, object_id: str, detail: dict[str, Any]
) -> Iterator[str]:
    """Open a transaction, yield the timestamp to use, then append the audit row before committing."""
    now = iso(ctx.clock.now())
    with ctx.store.transaction():
        yield now
        audit.append(
            ctx.store,
            at=now,
            actor=ctx.actor.username,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
        )
