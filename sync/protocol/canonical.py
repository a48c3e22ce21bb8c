"""Canonical JSON and the body hash that makes ingest idempotent.

The server compares a repeated event id by this hash, so both ends must agree on it byte for byte: sorted
keys, no spaces, UTF-8 kept as is (the same encoding as the app's outbox payloads).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_body_hash(kind: str, aggregate_id: str, payload: Any, created_at: str) -> str:
    """Hash of what makes an event *the same event*: everything but its id."""
    return body_hash_of(kind, aggregate_id, canonical_json(payload), created_at)


def body_hash_of(kind: str, aggregate_id: str, payload_json: str, created_at: str) -> str:
    """:func:`event_body_hash` from the payload's :func:`canonical_json` already made (the server serialises each
    payload once): the same bytes, since the four keys sort as aggregate_id, created_at, kind, payload."""
    head = canonical_json({"aggregate_id": aggregate_id, "created_at": created_at, "kind": kind})
    body = head[:-1] + ',"payload":' + payload_json + "}"
    # surrogatepass: a lone surrogate (which validation then refuses) must not crash the hashing first.
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
