"""One function per endpoint of protocol v1: what is sent and what comes back, nothing else."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sync.client.errors import EnrolOfflineError, OfflineError
from sync.client.transport import Transport
from sync.protocol.constants import API_PREFIX
from sync.protocol.models import (
    AnchorsResponse,
    AuditHead,
    EnrollRequest,
    EnrollResponse,
    Health,
    PullResponse,
    PushResponse,
)


def health(t: Transport, *, attempts: int = 1) -> Health:
    return t.call("GET", "/health", Health, auth=False, attempts=attempts)


def enroll(
    t: Transport,
    code: str,
    device_id: str,
    device_name: str,
    office_code: str | None = None,
    slot: int | None = None,
) -> EnrollResponse:
    request = EnrollRequest(
        code=code, device_id=device_id, device_name=device_name, office_code=office_code, slot=slot
    )
    body = request.model_dump_json(exclude_none=True)
    try:
        return t.call("POST", API_PREFIX + "/enroll", EnrollResponse, body=body.encode("utf-8"), auth=False)
    except OfflineError as exc:  # "data is kept and sent later" would be wrong here: name the address instead
        raise EnrolOfflineError(f"{t.base_url}: {exc.detail}" if exc.detail else t.base_url) from exc


def push(
    t: Transport,
    encoded_events: Sequence[bytes],
    sent_at: str | None = None,
    audit_head: tuple[int, str] | None = None,
) -> PushResponse:
    """Send events already encoded by :func:`sync.client.batching.encode_event`, with the device's clock (the
    server measures its skew from it) and its audit chain head (the server keeps it as an anchor)."""
    extra = b""
    if sent_at is not None:
        extra += b',"sent_at":' + json.dumps(sent_at).encode()
    if audit_head is not None:
        extra += b',"audit_head":' + AuditHead(seq=audit_head[0], hash=audit_head[1]).model_dump_json().encode()
    body = b'{"events":[' + b",".join(encoded_events) + b"]" + extra + b"}"
    return t.call("POST", API_PREFIX + "/events", PushResponse, body=body)


def anchors(t: Transport) -> AnchorsResponse:
    return t.call("GET", API_PREFIX + "/anchors", AnchorsResponse)


def pull(t: Transport, cursor: str, limit: int, wait: float = 0.0, attempts: int | None = None) -> PullResponse:
    """One page after ``cursor``; with ``wait`` an empty page is held by the server until a change comes (an
    office hub or a server of revision 3; an older one ignores it and answers at once)."""
    params: dict[str, str | int | float] = {"cursor": cursor, "limit": limit}
    if wait:
        params["wait"] = wait
    return t.call("GET", API_PREFIX + "/changes", PullResponse, params=params, attempts=attempts)
