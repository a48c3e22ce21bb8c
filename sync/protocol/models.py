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


class EnrollRequest(_Model):
    code: str = Field(min_length=1, max_length=64, description="one-time enrolment code from motcua-central")
    device_id: str = Field(min_length=1, max_length=64, description="UUID made on the device; makes retry safe")
    device_name: str = Field(default="", max_length=120)


class EnrollResponse(_Model):
    device_id: str
    token: str = Field(description="bearer token; the device keeps it readable only by its user")
    office_code: str
    office_name: str
    slot: int = Field(ge=0, le=9, description="device slot k: dossier numbers k*1000+1 … k*1000+999")
    server_time: str
    protocol: int


class WireEvent(_Model):
    id: str = Field(min_length=1, max_length=64, description="event UUID (v7): the idempotency key")
    kind: str = Field(max_length=64)
    aggregate_id: str = Field(default="", max_length=64)
    payload: dict[str, Any]
    created_at: str = Field(default="", max_length=40)


class PushRequest(_Model):
    events: list[WireEvent]


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
