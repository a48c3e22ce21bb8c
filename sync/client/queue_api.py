"""One function per office-queue endpoint of a hub (``/v1/queue/…``): what is sent, what comes back.

Every write carries a ``request_id`` made here: the transport retries a request whose answer was lost, and the
hub answers a repeated id with its first answer, so a retried "call next" never calls a second citizen.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel

from sync.client.transport import Transport
from sync.protocol.constants import API_PREFIX

PREFIX = API_PREFIX + "/queue"


class Answer(BaseModel):
    """Any JSON object; the app reads the fields it knows (the server adds, never removes)."""

    model_config = ConfigDict(extra="allow")

    def data(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class _Items(RootModel[list[dict[str, Any]]]):
    """A JSON list of objects (the waiting list)."""


def _post(t: Transport, path: str, body: dict[str, Any]) -> dict[str, Any]:
    payload = {"request_id": str(uuid.uuid4()), **body}
    raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return t.call("POST", PREFIX + path, Answer, body=raw).data()


def issue(t: Transport, service: str, priority_group: str = "", source: str = "kiosk") -> dict[str, Any]:
    return _post(t, "/tickets", {"service": service, "priority_group": priority_group, "source": source})


def call(t: Transport, counter: int, number: str | None = None, clerk: str = "") -> dict[str, Any]:
    return _post(t, "/call", {"counter": counter, "number": number, "clerk": clerk})


def counter_action(t: Transport, action: str, counter: int, clerk: str = "") -> dict[str, Any]:
    """``recall``, ``no-show`` or ``finish`` of the ticket being served at ``counter``."""
    return _post(t, "/" + action, {"counter": counter, "clerk": clerk})


def transfer(t: Transport, counter: int, to: str, number: str | None = None) -> dict[str, Any]:
    return _post(t, "/transfer", {"counter": counter, "to": to, "number": number})


def adopt(t: Transport, ticket: dict[str, Any]) -> dict[str, Any]:
    """Hand one of this PC's own waiting tickets to the hub (``ticket_id``, ``number``, ``service``,
    ``priority_group``, ``day``, ``arrival_at``, ``age_seconds``, ``source``); idempotent by ticket id."""
    return _post(t, "/adopt", ticket)


def save_service(t: Transport, letter: str, name: str, name_en: str = "", active: bool = True) -> dict[str, Any]:
    return _post(t, "/services", {"letter": letter, "name": name, "name_en": name_en, "active": active})


def save_counter(t: Transport, counter: int, letters: list[str], name: str = "") -> dict[str, Any]:
    return _post(t, "/counters", {"counter": counter, "letters": letters, "name": name})


def set_options(t: Transport, **values: object) -> dict[str, Any]:
    return _post(t, "/options", {k: v for k, v in values.items() if v is not None})


def waiting(t: Transport, counter: int | None = None) -> list[dict[str, Any]]:
    params = {} if counter is None else {"counter": counter}
    content = t.call("GET", PREFIX + "/waiting", _Items, params=params)
    return content.root


def desk(t: Transport, counter: int) -> dict[str, Any]:
    return t.call("GET", PREFIX + "/desk", Answer, params={"counter": counter}).data()


def stats(t: Transport, first: str, last: str) -> list[dict[str, Any]]:
    """The office's queue steps of the days ``first``..``last`` (see ``sync/server/queue_figures.py``)."""
    return list(t.call("GET", PREFIX + "/stats", Answer, params={"first": first, "last": last}).data()["steps"])


def config(t: Transport) -> dict[str, Any]:
    return t.call("GET", PREFIX + "/config", Answer).data()


def board(t: Transport) -> dict[str, Any]:
    return t.call("GET", PREFIX + "/board", Answer).data()
