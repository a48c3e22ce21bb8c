"""A device store in memory that keeps the :class:`~sync.client.store.SyncStore` promises. FOR TESTS ONLY.

It also does the two things a counter does (receive a dossier, change a status), writing the outbox event
with the change as the app does, so tests can play whole days of a device without the app.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import uuid6

from sync.client.store import IncomingChange, OutboxCounts, OutgoingEvent, SyncState

DAY = date(2025, 7, 1)


def dossier_payload(office: str, slot: int, number: int, day: date = DAY, **extra: Any) -> dict[str, Any]:
    """A dossier shaped like app/services/receive.py makes it."""
    dossier_id = str(uuid6.uuid7())
    payload: dict[str, Any] = {
        "id": dossier_id,
        "code": f"{office}-{day:%y%m%d}-{number:04d}",
        "office_code": office,
        "procedure_code": "1.001193",
        "procedure_name": "Thủ tục đăng ký khai sinh",
        "applicant_name": "Nguyễn Thị Hồng Nhung",
        "id_number": "001190012345",
        "phone": "0912345678",
        "email": "",
        "address": "Số 12, thôn Đông, xã Tân Phú",
        "birth_date": "1990-05-04",
        "sex": "Nữ",
        "channel": "counter",
        "status": 2,
        "received_at": f"{day.isoformat()}T08:{number % 60:02d}:00+07:00",
        "received_day": day.isoformat(),
        "due_at": f"{day.isoformat()}T17:00:00+07:00",
        "fee_vnd": 0,
        "pages": None,
        "copies": 1,
        "sets": 1,
        "received_by": "clerk1",
        "device_slot": slot,
        "notes": "",
        "updated_at": f"{day.isoformat()}T08:00:00+07:00",
        "documents": [
            {"name": "Giấy chứng sinh", "originals": 1, "certified_copies": 0, "photocopies": 0, "pages": None}
        ],
    }
    payload.update(extra)
    return payload


class MemoryStore:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.outbox: dict[str, dict[str, Any]] = {}  # insertion order is the send order
        self.dossiers: dict[str, dict[str, Any]] = {}
        self.catalog: dict[str, dict[str, Any]] = {}
        self.calendar: dict[str, Any] | None = None
        self.cursor = ""
        self.state = SyncState()
        self.held: list[tuple[IncomingChange, str]] = []

    # -- what a counter does -------------------------------------------------------------------------------
    def _event(self, kind: str, aggregate_id: str, payload: dict[str, Any], at: str) -> str:
        event_id = str(uuid6.uuid7())
        self.outbox[event_id] = {
            "event": OutgoingEvent(event_id, kind, aggregate_id, payload, at),
            "state": "pending",
            "attempts": 0,
            "reason": "",
        }
        return event_id

    def receive(self, day: date = DAY, **extra: Any) -> dict[str, Any]:
        with self.lock:
            office, slot = self.state.office_code, self.state.slot or 0
            prefix = f"{office}-{day:%y%m%d}-"
            numbers = [int(d["code"][-4:]) for d in self.dossiers.values() if d["code"].startswith(prefix)]
            number = max((n for n in numbers if slot * 1000 < n < slot * 1000 + 1000), default=slot * 1000) + 1
            if number % 1000 == 0:
                raise ValueError(f"slot {slot} has issued its 999 codes of {day}")
            payload = dossier_payload(office, slot, number, day, **extra)
            self.dossiers[payload["id"]] = dict(payload)
            self._event("dossier.received", payload["id"], payload, payload["received_at"])
            return payload

    def receive_many(self, count: int, **extra: Any) -> list[dict[str, Any]]:
        """``count`` dossiers, 500 a day from :data:`DAY` on (a slot has 999 codes a day)."""
        return [self.receive(DAY + timedelta(days=i // 500), **extra) for i in range(count)]

    def change_status(self, dossier_id: str, to_status: int, at: str, reason: str = "") -> str:
        with self.lock:
            dossier = self.dossiers[dossier_id]
            payload = {
                "dossier_id": dossier_id,
                "code": dossier["code"],
                "from_status": dossier["status"],
                "to_status": to_status,
                "reason": reason,
                "at": at,
                "actor": "clerk1",
            }
            dossier["status"] = to_status
            return self._event("dossier.status_changed", dossier_id, payload, at)

    def requeue(self, event_id: str, payload: dict[str, Any] | None = None) -> None:
        """A supervisor's fix: send a rejected event again, possibly corrected."""
        with self.lock:
            row = self.outbox[event_id]
            if payload is not None:
                ev = row["event"]
                row["event"] = OutgoingEvent(ev.id, ev.kind, ev.aggregate_id, payload, ev.created_at)
            row["state"], row["reason"] = "pending", ""

    def ids(self, state: str | None = None) -> list[str]:
        with self.lock:
            return [i for i, row in self.outbox.items() if state is None or row["state"] == state]

    # -- SyncStore -----------------------------------------------------------------------------------------
    def pending_events(self, limit: int) -> Sequence[OutgoingEvent]:
        with self.lock:
            return [row["event"] for row in self.outbox.values() if row["state"] == "pending"][:limit]

    def mark_acked(self, event_ids: Sequence[str]) -> None:
        with self.lock:
            for i in event_ids:
                if self.outbox[i]["state"] == "pending":
                    self.outbox[i]["state"] = "acked"

    def mark_rejected(self, event_id: str, reason: str) -> None:
        with self.lock:
            self.outbox[event_id].update(state="rejected", reason=reason)

    def record_attempt(self, event_ids: Sequence[str], error: str) -> None:
        with self.lock:
            for i in event_ids:
                self.outbox[i]["attempts"] += 1

    def resend_all(self) -> int:
        with self.lock:
            acked = [row for row in self.outbox.values() if row["state"] == "acked"]
            for row in acked:
                row["state"] = "pending"
            self.cursor = ""
            return len(acked)

    def outbox_counts(self) -> OutboxCounts:
        with self.lock:
            states = [row["state"] for row in self.outbox.values()]
            return OutboxCounts(states.count("pending"), states.count("rejected"))

    def get_cursor(self) -> str:
        return self.cursor

    def set_cursor(self, cursor: str) -> None:
        self.cursor = cursor

    def _unsent(self, dossier_id: str) -> bool:
        return any(row["event"].aggregate_id == dossier_id and row["state"] != "acked" for row in self.outbox.values())

    def audit_head(self) -> tuple[int, str] | None:
        return None

    def apply_pulled(
        self, changes: Sequence[IncomingChange], cursor: str, held: Sequence[tuple[IncomingChange, str]] = ()
    ) -> int:
        with self.lock:
            applied = 0
            self.held += held
            for ch in changes:
                data = dict(ch.data)
                if ch.kind in ("dossier", "dossier_status") and self._unsent(ch.key):
                    continue
                if ch.kind == "dossier":
                    if ch.key in self.dossiers:  # its status travels as status changes
                        continue
                    self.dossiers[ch.key] = {**data, "origin": "remote"}
                elif ch.kind == "dossier_status":
                    if ch.key not in self.dossiers:
                        continue
                    self.dossiers[ch.key]["status"] = data["status"]
                elif ch.kind == "catalog":
                    self.catalog[ch.key] = data
                elif ch.kind == "calendar":
                    self.calendar = data
                applied += 1
            self.cursor = cursor
            return applied

    def load_state(self) -> SyncState:
        with self.lock:
            return SyncState(**vars(self.state))

    def save_state(self, state: SyncState) -> None:
        with self.lock:
            self.state = SyncState(**vars(state))
