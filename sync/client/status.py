"""What the status bar shows: online or not, pending and rejected counts, last sync, clock warning."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sync.client.store import OutboxCounts, SyncState
from sync.protocol.constants import CLOCK_WARNING_SECONDS


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    online: bool | None  # None: not tried yet
    pending: int
    rejected: int
    last_sync_at: str | None
    last_error: str | None
    clock_offset_s: float | None
    server_url: str
    office_code: str
    slot: int | None
    held: int = 0  # pulled changes kept aside for the supervisor

    @property
    def clock_warning(self) -> bool:
        return self.clock_offset_s is not None and abs(self.clock_offset_s) > CLOCK_WARNING_SECONDS

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "clock_warning": self.clock_warning}


def status_of(state: SyncState, counts: OutboxCounts, *, enrolled: bool, held: int = 0) -> SyncStatus:
    tried = state.last_attempt_at is not None or state.last_sync_at is not None
    online = None if not tried else state.last_error not in ("offline", "certificate")
    return SyncStatus(
        enrolled=enrolled,
        online=online,
        pending=counts.pending,
        rejected=counts.rejected,
        last_sync_at=state.last_sync_at,
        last_error=state.last_error,
        clock_offset_s=state.clock_offset_s,
        server_url=state.server_url,
        office_code=state.office_code,
        slot=state.slot,
        held=held,
    )
