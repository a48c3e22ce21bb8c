"""The app's side of sync: :class:`sync.client.store.SyncStore` on the device's SQLite store.

The engine in ``sync/`` knows nothing of SQL or of the app; this adapter gives it the outbox, keeps the cursor
and the sync state (``app/store/sync_state.py``), and applies pulled changes with the app's repositories; only
``app/store`` speaks SQL. A pulled change
never overwrites a dossier with events not yet acknowledged (pending or rejected): the device's own change goes
up first and the server sends the winner back. A dossier the device already has is not overwritten by the feed
(its status travels as status changes, in the server's order), so replaying the whole feed after a restore or
a re-enrolment brings back what is missing and reverts nothing. Each change is applied in its own savepoint;
one that fails the protocol's checks or cannot be stored is kept aside in ``sync_held`` with its reason (for
the supervisor, ``motcua sync held``) and the feed goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, fields
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.domain.calendar import WorkCalendar
from app.domain.deadlines import ProcessingRule
from app.security.sealed_token import token_store
from app.services.clock import Clock, SystemClock, iso
from app.services.pulled_correction import apply_pulled_correction
from app.services.pulled_status import apply_pulled_status
from app.services.slotless import has_no_slot
from app.store import attachments, audit, catalog, dossiers, outbox, settings, sync_held, sync_state
from app.store.db import Store
from app.store.driver import OperationalError
from app.store.errors import EnvironmentStoreError
from sync.client.engine import RoundReport, SyncEngine
from sync.client.errors import SyncError
from sync.client.runner import RunnerConfig, SyncRunner
from sync.client.store import IncomingChange, OutboxCounts, OutgoingEvent, SyncState
from sync.client.transport import TransportConfig

log = logging.getLogger("motcua.sync")
PERSONAL_KINDS = ("dossier", "dossier_status")  # what a slotless PC never stores (sync/server/feed.py)
TOKEN_FILE = "sync.token"
SYNC_ACTOR = "sync:central"
_STATE_FIELDS = {f.name for f in fields(SyncState)}
# Dossier text columns that are NOT NULL locally: the protocol lets them be null (read as empty).
_TEXT_COLUMNS = ("procedure_name", "id_number", "phone", "email", "address", "sex", "received_by", "notes")
_DOC_COUNTS = ("originals", "certified_copies", "photocopies")


class StoreSyncBridge:
    def __init__(self, store: Store, clock: Clock | None = None) -> None:
        self.store = store
        self.clock = clock or SystemClock()

    def _now(self) -> str:
        return iso(self.clock.now())

    # -- outbox ---------------------------------------------------------------------------------------------
    def pending_events(self, limit: int) -> Sequence[OutgoingEvent]:
        return [
            OutgoingEvent(e.id, e.kind, e.aggregate_id, e.payload, e.created_at)
            for e in outbox.pending(self.store, limit)
        ]

    def mark_acked(self, event_ids: Sequence[str]) -> None:
        if event_ids:
            outbox.mark_acked(self.store, list(event_ids), self._now())
            # The server keeps its own copy: acknowledged events older than the retention only cost disk.
            retention = timedelta(days=outbox.ACKED_RETENTION_DAYS)
            outbox.prune_acknowledged(self.store, before=iso(self.clock.now() - retention))

    def mark_rejected(self, event_id: str, reason: str) -> None:
        outbox.mark_rejected(self.store, event_id, reason)

    def record_attempt(self, event_ids: Sequence[str], error: str) -> None:
        outbox.mark_attempt(self.store, list(event_ids), error)

    def resend_all(self) -> int:
        with self.store.transaction():
            count = outbox.resend_acknowledged(self.store)
            attachments.upload_again(self.store)
            self._put("cursor", "")
        return count

    def outbox_counts(self) -> OutboxCounts:
        counts = outbox.counts(self.store)
        return OutboxCounts(counts["pending"], counts["rejected"])

    # -- sync_state -----------------------------------------------------------------------------------------
    def _get(self, key: str, default: Any) -> Any:
        return sync_state.get(self.store, key, default)

    def _put(self, key: str, value: Any) -> None:
        sync_state.put(self.store, key, value)

    def get_cursor(self) -> str:
        return str(self._get("cursor", ""))

    def set_cursor(self, cursor: str) -> None:
        with self.store.transaction():
            self._put("cursor", cursor)

    def load_state(self) -> SyncState:
        data = self._get("state", {})
        return SyncState(**{k: v for k, v in data.items() if k in _STATE_FIELDS})

    def save_state(self, state: SyncState) -> None:
        """Keep the state; an enrolment also sets the device slot and server used for dossier codes."""
        with self.store.transaction():
            before = self.load_state()
            self._put("state", asdict(state))
            if state.slot is not None and (state.slot, state.server_url) != (before.slot, before.server_url):
                settings.set_many(self.store, {"device_slot": state.slot, "server_url": state.server_url})
                audit.append(
                    self.store,
                    at=self._now(),
                    actor=SYNC_ACTOR,
                    action="sync.enrol",
                    object_type="device",
                    object_id=state.device_id,
                    detail={"server": state.server_url, "slot": state.slot, "office": state.office_code},
                )

    # -- pulled changes -------------------------------------------------------------------------------------
    def audit_head(self) -> tuple[int, str] | None:
        return audit.chain_head(self.store.conn)

    def apply_pulled(
        self, changes: Sequence[IncomingChange], cursor: str, held: Sequence[tuple[IncomingChange, str]] = ()
    ) -> int:
        applied = 0
        if has_no_slot(self.store):  # a kiosk or screen in the public hall keeps no citizen's data, even held
            changes = [ch for ch in changes if ch.kind not in PERSONAL_KINDS]
            held = [(ch, why) for ch, why in held if ch.kind not in PERSONAL_KINDS]
        # Of several status changes of one dossier in a page the last sets the status (a replayed feed after a
        # restore or re-enrolment then does not walk the dossier through old statuses); the others go into its
        # history (app/services/pulled_status.py).
        last = {c.key: i for i, c in enumerate(changes) if c.kind == "dossier_status"}
        with self.store.transaction():
            for change, reason in held:
                self._hold(change, reason)
            for i, change in enumerate(changes):
                try:
                    with self.store.transaction():  # a savepoint: a bad change is undone alone
                        applied += bool(self._apply(change, last.get(change.key) == i))
                except (OperationalError, EnvironmentStoreError):
                    raise  # the environment (disk full, locked): the round stops, the cursor stays
                except Exception as exc:  # anything the change itself provokes (RecursionError included)
                    self._hold(change, f"{type(exc).__name__}: {exc}")
            self._put("cursor", cursor)
        return applied

    def _hold(self, change: IncomingChange, reason: str) -> None:
        log.warning("held pulled %s %s: %s", change.kind, change.key, reason)
        sync_held.add(self.store, change.kind, change.key, change.data, change.at, reason, self._now())

    def _apply(self, change: IncomingChange, last: bool = True) -> bool:
        data = dict(change.data)
        if change.kind in ("dossier", "dossier_status") and outbox.has_unsent(self.store, change.key):
            return False
        if change.kind == "dossier":
            return self._dossier(data)
        if change.kind == "dossier_status":
            return apply_pulled_status(self.store, change.key, data, self._now(), SYNC_ACTOR, current=last)
        if change.kind == "catalog":
            return self._catalog(data)
        if change.kind == "calendar":
            return self._calendar(data)
        return False  # a kind this version does not know: skip it, keep the cursor moving

    def _dossier(self, data: dict[str, Any]) -> bool:
        office = settings.get(self.store, "office_code")
        if office and data.get("office_code") != office:  # a clerk sees this office's dossiers, never another's
            raise ValueError(f"dossier of office {data.get('office_code')!r}, this device is {office!r}")
        if dossiers.exists(self.store, data["id"]):
            # already here: newer local status is never overwritten by the reception record; only a correction
            # of the applicant made on another device is taken (app/services/pulled_correction.py)
            return apply_pulled_correction(self.store, data, self._now(), SYNC_ACTOR)
        row = {c: data[c] for c in dossiers.DOSSIER_COLUMNS if c in data and c not in ("origin", "satisfaction")}
        for column in _TEXT_COLUMNS:
            if row.get(column) is None:
                row[column] = ""
        for column in ("copies", "sets", "supplement_count"):
            if row.get(column) is None:
                row.pop(column, None)  # the column's default
        row.setdefault("received_day", str(data["received_at"])[:10])
        row.setdefault("updated_at", self._now())
        if dossiers.code_taken(self.store, data["code"]):
            raise ValueError(f"code {data['code']} is already used here by another dossier")
        if not catalog.exists(self.store, data["procedure_code"]):
            self._placeholder_procedure(data)
        documents = [
            {**d, **{k: d.get(k) or 0 for k in _DOC_COUNTS}} for d in (data.get("documents") or [])
        ]
        dossiers.insert(self.store, {**row, "origin": "remote"}, documents)
        return True

    def _placeholder_procedure(self, data: dict[str, Any]) -> None:
        """A dossier may name a procedure this device's catalogue lacks yet: keep it, hidden from the picker."""
        record = {
            "code": data["procedure_code"],
            "name_vi": data.get("procedure_name") or data["procedure_code"],
            "placeholder": True,
        }
        catalog.upsert_records(self.store, [record], self._now())
        catalog.set_active(self.store, record["code"], False)

    def _catalog(self, data: dict[str, Any]) -> bool:
        if not data.get("code") or not data.get("name_vi"):
            raise ValueError("a catalogue record needs code and name_vi")
        ProcessingRule.from_catalog(data.get("processing"))  # a 0.5-day time is held here, not met at receive
        was_placeholder = catalog.any_record(self.store, data["code"]).get("placeholder")
        catalog.upsert_records(self.store, [data], self._now())
        if was_placeholder:
            catalog.set_active(self.store, data["code"], True)
        return True

    def _calendar(self, data: dict[str, Any]) -> bool:
        calendar = WorkCalendar.from_json(data)  # validates: a bad document raises ValidationError
        settings.set_many(self.store, {"calendar": calendar.to_json()})
        audit.append(
            self.store,
            at=self._now(),
            actor=SYNC_ACTOR,
            action="calendar.replace",
            object_type="calendar",
            object_id="all",
            detail={"source": "central"},
        )
        return True


def build_engine(
    store: Store, data_dir: Path, clock: Clock | None = None, transport: TransportConfig | None = None
) -> SyncEngine:
    """The composition of sync for one device: the bridge, the token file next to the store, the engine."""
    tokens = token_store(data_dir, store.key, TOKEN_FILE)  # sealed with the store key (app/security/sealed_token.py)
    bridge = StoreSyncBridge(store, clock)
    return SyncEngine(
        bridge, tokens, transport_config=transport, now=bridge.clock.now  # type: ignore[arg-type]
    )


def build_runner(
    data_dir: Path,
    *,
    on_round: Callable[[RoundReport], None] | None = None,
    on_error: Callable[[SyncError], None] | None = None,
    config: RunnerConfig | None = None,
) -> tuple[SyncRunner, Store]:
    """The background sync the app starts at launch, on a Store of its own: one SQLite connection per thread,
    so a round never interleaves with the GUI's transactions. The caller stops the runner, then closes the store.
    Callbacks run on the sync thread; a Qt app re-emits them as queued signals."""
    store = Store.in_folder(data_dir)
    from app.services.attachment_sync import after_round  # attachments after each round, lowest priority

    on_round = after_round(store, data_dir, on_round)
    config = config or RunnerConfig(watch=True)  # an office hub tells of other counters' dossiers at once
    runner = SyncRunner(build_engine(store, data_dir), config, on_round=on_round, on_error=on_error)
    return runner, store
