"""The interface between the sync engine and the device's local store (implemented by the app).

The engine never sees SQL: it asks for pending events, reports what the server answered, and hands over pulled
changes. The store keeps three promises the engine relies on:

* an event leaves the ``pending`` state only through :meth:`SyncStore.mark_acked` or
  :meth:`SyncStore.mark_rejected`, so nothing is lost before the server has answered;
* :meth:`SyncStore.apply_pulled` stores the changes and the new cursor in one transaction (a crash in between
  would otherwise skip or repeat changes), and never overwrites a dossier that has events not yet acknowledged
  (pending or rejected): the device's own change goes up first, and the server sends the winner back;
* applying the same change twice has the same effect as once (changes are full records), and a change the
  store cannot apply is kept aside (``held``) with its reason instead of stopping the feed;
* a dossier change for a dossier the device already has changes nothing (its status travels as status
  changes), so replaying the whole feed after a restore or a re-enrolment overwrites nothing newer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class OutgoingEvent:
    """One outbox event as the engine sends it."""

    id: str
    kind: str
    aggregate_id: str
    payload: Mapping[str, Any]
    created_at: str


@dataclass(frozen=True)
class IncomingChange:
    """One change from the feed: ``dossier``, ``dossier_status``, ``catalog`` or ``calendar``."""

    kind: str
    key: str
    data: Mapping[str, Any]
    at: str


@dataclass(frozen=True)
class OutboxCounts:
    pending: int
    rejected: int


@dataclass
class SyncState:
    """What the device remembers about sync between runs (kept by the store, e.g. in ``sync_state``)."""

    server_url: str = ""
    ca_bundle: str | None = None  # PEM file of the province's CA; None: the system's trusted roots
    device_id: str = ""
    office_code: str = ""
    office_name: str = ""
    slot: int | None = None
    clock_offset_s: float | None = None  # server clock minus device clock
    last_sync_at: str | None = None  # UTC, last round that finished
    last_attempt_at: str | None = None
    last_error: str | None = None  # SyncError.code of the last failed round; None after a success
    anchor_seq: int | None = None  # the audit chain head last sent to the server
    cert_sha256: str | None = None  # an office hub's pinned certificate fingerprint; None: CA checks
    server_generation: str | None = None  # an office hub's database generation last seen (sync/hub/generation.py)


class SyncStore(Protocol):
    def pending_events(self, limit: int) -> Sequence[OutgoingEvent]:
        """The oldest pending events, in the order they were written."""
        ...

    def mark_acked(self, event_ids: Sequence[str]) -> None: ...

    def mark_rejected(self, event_id: str, reason: str) -> None:
        """Keep the event with the server's reason, out of the queue, for a supervisor to fix and re-send."""
        ...

    def record_attempt(self, event_ids: Sequence[str], error: str) -> None: ...

    def outbox_counts(self) -> OutboxCounts: ...

    def get_cursor(self) -> str: ...

    def set_cursor(self, cursor: str) -> None: ...

    def apply_pulled(
        self, changes: Sequence[IncomingChange], cursor: str, held: Sequence[tuple[IncomingChange, str]] = ()
    ) -> int:
        """Apply ``changes``, keep ``held`` (refused by validation) aside with their reasons, and store ``cursor``,
        atomically; returns how many changes were applied. A change that fails to apply is held too."""
        ...

    def audit_head(self) -> tuple[int, str] | None:
        """The device's audit chain head (sequence number, hash), or None when it keeps no chain."""
        ...

    def resend_all(self) -> int:
        """The server was restored from a backup: put every acknowledged event still held back to pending, every
        uploaded page back to waiting, and the feed cursor to the start, in one transaction; how many events."""
        ...

    def load_state(self) -> SyncState: ...

    def save_state(self, state: SyncState) -> None: ...
