"""Wire models of protocol version 1 (pydantic), used by the server for its OpenAPI and by the client to read
answers strictly: an answer that does not fit is a server error, never a silent half-success.

Event payloads stay plain dictionaries on purpose: the server validates each event on its own
(:mod:`sync.protocol.validation`) so that one bad event is rejected alone instead of failing the whole batch.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ResultName = Literal["accepted", "rejected", "conflict"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")  # newer servers may add fields; old clients skip them


class ErrorBody(_Model):
    """Body of every non-2xx answer."""

    error: str = Field(description="machine-readable code, e.g. token_revoked, body_too_large")
    message: str = Field(default="", description="English explanation for logs")


class Health(_Model):
    status: Literal["ok"] = "ok"
    protocol: int
    server_time: str
    server_version: str = ""
    role: str = Field(
        default="central", description="hub: an office hub (feed long-poll, slots of its office); central: a province"
    )
    queue: bool = Field(default=False, description="true when this server hosts the office queue (a hub)")


# Printable text only: no C0/C1 controls (terminal escapes); a lone surrogate is not a str pydantic accepts.
PRINTABLE = r"^[^\x00-\x1f\x7f-\x9f]*$"
TIMESTAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$"
EVENT_ID = r"^[0-9A-Fa-f-]{32,36}$"


class EnrollRequest(_Model):
    code: str = Field(min_length=1, max_length=64, pattern=PRINTABLE, description="one-time enrolment code")
    device_id: str = Field(pattern=EVENT_ID, description="UUID made on the device and kept: makes retry safe")
    device_name: str = Field(default="", max_length=120, pattern=PRINTABLE)
    office_code: str | None = Field(
        default=None, max_length=40, description="the office the device was set up for: a code of another is refused"
    )
    slot: int | None = Field(
        default=None, ge=0, le=9, description="the slot the device numbers in now: given back when free (a move)"
    )


class EnrollResponse(_Model):
    device_id: str
    token: str = Field(description="bearer token; the device keeps it readable only by its user")
    office_code: str
    office_name: str
    slot: int | None = Field(
        default=None, ge=0, le=9,
        description="device slot k: dossier numbers k*1000+1 … k*1000+999; null: a kiosk or screen (no dossiers)",
    )
    server_time: str
    protocol: int


class WireEvent(_Model):
    id: str = Field(pattern=EVENT_ID, description="event UUID (v7): the idempotency key")
    kind: str = Field(max_length=64)
    aggregate_id: str = Field(default="", max_length=64)
    payload: dict[str, Any]
    created_at: str = Field(default="", max_length=40)
    # Set only by an office hub forwarding its devices' events (a device's own values are ignored); neither is
    # part of the body hash, so the same event sent direct and through a hub is still the same event.
    device_id: str | None = Field(
        default=None, max_length=64, description="hub only: the device of its office that made the event"
    )
    skew_ms: int | None = Field(
        default=None,
        ge=-(2**53),
        le=2**53,
        description="hub only: how far that device's clock was behind the hub's when the hub received it (ms)",
    )


class AuditHead(_Model):
    """The device's audit chain head when it pushed: the server keeps it as an anchor."""

    seq: int = Field(ge=0, le=2**53)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class PushRequest(_Model):
    events: list[WireEvent]
    sent_at: str | None = Field(
        default=None, pattern=TIMESTAMP, description="the device's clock when it sent this push: gives its skew"
    )
    audit_head: AuditHead | None = Field(default=None, description="the device's audit chain head")


class Anchor(_Model):
    seq: int
    hash: str
    received_at: str


class AnchorsResponse(_Model):
    anchors: list[Anchor] = Field(description="this device's audit chain heads as the server received them")
    server_time: str


class EventResult(_Model):
    id: str
    result: ResultName
    error: str | None = Field(default=None, description="machine-readable reason when not accepted")
    message: str | None = Field(default=None, description="English explanation when not accepted")


class PushResponse(_Model):
    results: list[EventResult]
    server_time: str


class Change(_Model):
    kind: str = Field(description="dossier | dossier_status | catalog | calendar")
    key: str = Field(description="dossier id, procedure code, or 'holidays'")
    data: dict[str, Any]
    at: str


class PullResponse(_Model):
    changes: list[Change]
    cursor: str = Field(description="opaque; send it back as ?cursor= to continue")
    more: bool = Field(description="true when another page is waiting")
    server_time: str
