"""Encoding outbox events and cutting them into pushes bounded by count and bytes.

Events are encoded once, as compact UTF-8 JSON; the byte bound keeps one push well under the server's body
limit whatever the documents lists hold. Gzip (in the transport) then shrinks the batch several times, because
dossiers of one office repeat the same keys, procedure names and office code.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sync.client.store import OutgoingEvent


def encode_event(event: OutgoingEvent) -> bytes:
    return json.dumps(
        {
            "id": event.id,
            "kind": event.kind,
            "aggregate_id": event.aggregate_id,
            "payload": dict(event.payload),
            "created_at": event.created_at,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def fit(encoded: Sequence[bytes], max_bytes: int) -> int:
    """How many leading events fit in ``max_bytes`` (at least one, so a big event is still tried alone)."""
    total = 0
    for i, item in enumerate(encoded):
        total += len(item) + 1
        if total > max_bytes and i > 0:
            return i
    return len(encoded)
