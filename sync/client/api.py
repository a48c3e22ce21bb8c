"""One function per endpoint of protocol v1: what is sent and what comes back, nothing else."""

from __future__ import annotations

from collections.abc import Sequence

from sync.client.transport import Transport
from sync.protocol.constants import API_PREFIX
from sync.protocol.models import EnrollRequest, EnrollResponse, Health, PullResponse, PushResponse


def health(t: Transport, *, attempts: int = 1) -> Health:
    return t.call("GET", "/health", Health, auth=False, attempts=attempts)


def enroll(t: Transport, code: str, device_id: str, device_name: str) -> EnrollResponse:
    body = EnrollRequest(code=code, device_id=device_id, device_name=device_name).model_dump_json()
    return t.call("POST", API_PREFIX + "/enroll", EnrollResponse, body=body.encode("utf-8"), auth=False)


def push(t: Transport, encoded_events: Sequence[bytes]) -> PushResponse:
    """Send events already encoded by :func:`sync.client.batching.encode_event`."""
    body = b'{"events":[' + b",".join(encoded_events) + b"]}"
    return t.call("POST", API_PREFIX + "/events", PushResponse, body=body)


def pull(t: Transport, cursor: str, limit: int) -> PullResponse:
    return t.call("GET", API_PREFIX + "/changes", PullResponse, params={"cursor": cursor, "limit": limit})
