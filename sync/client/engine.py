"""One sync round: push the outbox in batches, then pull the change feed, then remember how it went.

Push comes first so that the device's own changes reach the server before the feed is applied (the store skips
feed entries for dossiers with unacknowledged events; the server sends the winner back). Events are marked
only from the server's per-event answers; an event without an answer stays pending. A round that fails half-
way keeps what was acknowledged and resumes from there next time. Loops are bounded, so a round always ends.

A device that syncs every few seconds or minutes keeps its connection between rounds (``keep_connection_s``,
set by the background runner): a new TCP and TLS handshake per round is most of what a quiet round costs the
server. The kept transport is used again only for the same server, token and trust settings, and only while it
has been idle less than the server keeps a connection open; a connection the server closed meanwhile is
replaced by the transport (:mod:`sync.client.transport`), and every push is safe to repeat.

Pulled changes are checked with the protocol's own rules (:func:`sync.protocol.changes.check_change`) against
the server's clock; one that fails is handed to the store to keep aside, and the feed goes on. A failure of
the local store is a typed :class:`LocalError` recorded in the state, never a silent "online". Each push
carries the device clock (the server corrects its skew) and the audit chain head (the server keeps anchors).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime

from sync.client import api
from sync.client.batching import encode_event, fit
from sync.client.credentials import TokenStore
from sync.client.errors import (
    LocalError,
    NotEnrolledError,
    OfflineError,
    PinMismatchError,
    RejectedError,
    ServerError,
    SyncError,
)
from sync.client.pinning import matches, server_fingerprint, split_code
from sync.client.store import IncomingChange, SyncState, SyncStore
from sync.client.transport import Transport, TransportConfig
from sync.client.watch import WatchTarget
from sync.protocol.changes import check_change
from sync.protocol.constants import DEFAULT_LIMITS, ERR_BAD_REQUEST, ERR_DEVICE_ELSEWHERE, RESULT_ACCEPTED
from sync.protocol.timefmt import format_utc, parse_time

TransportFactory = Callable[[str, "str | None"], Transport]
log = logging.getLogger("motcua.sync")


def _system_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class EngineConfig:
    batch_events: int = DEFAULT_LIMITS.client_batch_events
    batch_bytes: int = DEFAULT_LIMITS.client_batch_bytes
    pull_limit: int = DEFAULT_LIMITS.default_changes_per_pull
    max_batches_per_round: int = 1000
    max_pages_per_round: int = 1000


@dataclass(frozen=True)
class RoundReport:
    pushed: int  # events acknowledged in this round
    rejected: int  # events the server rejected in this round
    pulled: int  # changes received
    applied: int  # changes applied (the rest were skipped for unsent local changes, or held)
    pending: int  # still in the outbox
    rejected_total: int  # waiting for a supervisor
    clock_offset_s: float | None
    held: int = 0  # changes kept aside in this round: they failed the protocol's checks

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Kept:
    key: tuple[str, str, str | None, str | None]
    transport: Transport
    used_at: float  # monotonic time the round that used it ended


def _key(url: str, token: str, state: SyncState) -> tuple[str, str, str | None, str | None]:
    """What a kept connection must match: the server, the token, and the trust settings it was made with."""
    return url, token, state.ca_bundle, state.cert_sha256


def _one_event_to_blame(exc: RejectedError) -> bool:
    """A push refused as a whole because of what it carries: too large, or an envelope our server cannot read
    (a corrupt outbox row). Halving finds the event; anything else is not the events' fault."""
    return exc.status == 413 or (exc.status == 422 and exc.error == ERR_BAD_REQUEST)


class SyncEngine:
    def __init__(
        self,
        store: SyncStore,
        credentials: TokenStore,
        *,
        config: EngineConfig | None = None,
        transport_config: TransportConfig | None = None,
        transport_factory: TransportFactory | None = None,
        now: Callable[[], datetime] = _system_now,
    ) -> None:
        self.store = store
        self.now = now  # the device clock (the app's clock), sent with each push
        self.credentials = credentials
        self.config = config or EngineConfig()
        self._transport_config = transport_config or TransportConfig()
        self._factory = transport_factory or self._transport
        self._enrol_pin: str | None = None  # while enrolling: the fingerprint the code named ("" for none)
        # Keep a round's connection for a next round that comes within this many seconds (0: a new connection
        # every round). The background runner sets it (sync.client.runner.RunnerConfig.keep_connection_s).
        self.keep_connection_s = 0.0
        self._kept: _Kept | None = None  # the last round's transport, while keep_connection_s allows
        self._monotonic = time.monotonic

    def _transport(self, url: str, token: str | None) -> Transport:
        state = self.store.load_state()
        ca_bundle = state.ca_bundle or self._transport_config.ca_bundle
        pin = state.cert_sha256 if self._enrol_pin is None else self._enrol_pin
        config = replace(self._transport_config, ca_bundle=ca_bundle, pin_sha256=pin or None)
        return Transport(url, token, config, wall=lambda: self.now().timestamp())

    def enroll(
        self,
        server_url: str,
        code: str,
        device_name: str = "",
        ca_bundle: str | None = None,
        expect_office: str | None = None,
    ) -> SyncState:
        """Trade a one-time code for a token; a new server or office starts the feed from the beginning.

        With ``expect_office`` (the office the device was set up for), a code of another office is refused
        before anything is saved: the device would otherwise number and send dossiers the server rejects.
        """
        state = self.store.load_state()
        code, pin = split_code(code)
        cert = self._check_pin(server_url, pin) if pin else ""
        if ca_bundle is not None:
            state.ca_bundle = ca_bundle or None
        # The id is kept before asking: if the answer is lost, running enroll again sends the same id with the
        # same code, and the server gives the lost answer again instead of burning the code on a ghost device.
        if not state.device_id:
            state.device_id = str(uuid.uuid4())
        self.store.save_state(state)
        self._enrol_pin = cert
        try:
            t = self._factory(server_url, None)
        finally:
            self._enrol_pin = None
        try:
            try:
                answer = api.enroll(t, code.strip(), state.device_id, device_name, expect_office, state.slot)
            except RejectedError as exc:
                if exc.error != ERR_DEVICE_ELSEWHERE:
                    raise
                # This id belongs to another office's record, which the server will not touch: a moved device
                # becomes a new one there.
                state.device_id = str(uuid.uuid4())
                self.store.save_state(state)
                answer = api.enroll(t, code.strip(), state.device_id, device_name, expect_office, state.slot)
        finally:
            t.close()
        if expect_office and answer.office_code != expect_office:  # a server that ignores office_code
            raise RejectedError(
                f"the code is for office {answer.office_code}, this device is set up for {expect_office}",
                error="office_mismatch",
            )
        self.credentials.save(answer.token)
        # Recovery by design: after any enrolment the feed starts again, so the device gets back everything the
        # server holds for its office (its own changes included); a change it already has changes nothing.
        self.store.set_cursor("")
        state.server_url, state.device_id = server_url, answer.device_id
        state.office_code, state.office_name, state.slot = answer.office_code, answer.office_name, answer.slot
        state.cert_sha256 = cert or None
        state.clock_offset_s, state.last_error = t.clock_offset, None
        self.store.save_state(state)
        return state

    @staticmethod
    def _check_pin(server_url: str, pin: str) -> str:
        """The full fingerprint of the certificate at ``server_url`` when it matches the code's; else refused."""
        if not server_url.startswith("https://"):
            raise PinMismatchError("the enrolment code carries the hub's certificate fingerprint: use https://")
        try:
            actual = server_fingerprint(server_url)
        except OSError as exc:
            raise OfflineError(type(exc).__name__) from exc
        if not matches(pin, actual):
            raise PinMismatchError(f"{server_url} presented a certificate with another fingerprint")
        return actual

    def probe(self, server_url: str | None = None) -> bool:
        """One cheap request without retries: is the server reachable now?"""
        url = server_url or self.store.load_state().server_url
        if not url:
            return False
        t = self._factory(url, None)
        try:
            api.health(t)
            return True
        except SyncError:
            return False
        finally:
            t.close()

    def run_once(self, server_url: str | None = None) -> RoundReport:
        state = self.store.load_state()
        url = server_url or state.server_url
        token = self.credentials.load()
        if not url or not token:
            raise NotEnrolledError()
        t = self._round_transport(url, token, state)
        state.last_attempt_at = format_utc(self.now())
        kept = False
        try:
            try:
                pushed, rejected = self._push(t, state)
                pulled, applied, held = self._pull(t)
                if self._server_restored(t, state):  # what it lost goes up again now, the feed from the start
                    again, rejected_again = self._push(t, state)
                    pushed, rejected = pushed + again, rejected + rejected_again
                    pulled, applied, held = self._pull(t)
            except SyncError:
                raise
            except Exception as exc:  # the local store failed: say so, never "online, no error"
                log.exception("sync round failed in the local store")
                raise LocalError(f"{type(exc).__name__}: {exc}"[:200]) from exc
        except SyncError as exc:
            state.last_error = exc.code
            state.clock_offset_s = t.clock_offset if t.clock_offset is not None else state.clock_offset_s
            exc.clock_offset_s = state.clock_offset_s  # type: ignore[attr-defined]  # read by the status bar
            self.store.save_state(state)
            raise
        else:
            kept = self._keep(t, url, token, state)
        finally:
            if not kept:
                t.close()
        state.last_sync_at, state.last_error = format_utc(self.now()), None
        state.clock_offset_s = t.clock_offset if t.clock_offset is not None else state.clock_offset_s
        self.store.save_state(state)
        counts = self.store.outbox_counts()
        return RoundReport(
            pushed, rejected, pulled, applied, counts.pending, counts.rejected, state.clock_offset_s, held
        )

    def _round_transport(self, url: str, token: str, state: SyncState) -> Transport:
        """The kept transport when it is for the same server, token and trust and was idle less than
        ``keep_connection_s``; else a new one (the kept one is closed)."""
        kept, self._kept = self._kept, None
        if kept is not None:
            fresh = self._monotonic() - kept.used_at < self.keep_connection_s
            if fresh and kept.key == _key(url, token, state):
                return kept.transport
            kept.transport.close()
        return self._factory(url, token)

    def _keep(self, t: Transport, url: str, token: str, state: SyncState) -> bool:
        if self.keep_connection_s <= 0:
            return False
        self._kept = _Kept(_key(url, token, state), t, self._monotonic())
        return True

    def close(self) -> None:
        """Close the connection kept between rounds (the runner calls this when it stops)."""
        kept, self._kept = self._kept, None
        if kept is not None:
            kept.transport.close()

    def watch_target(self) -> WatchTarget | None:
        """Where a :class:`~sync.client.watch.FeedWatcher` should hold its long poll (on the runner's thread)."""
        state = self.store.load_state()
        token = self.credentials.load()
        if not state.server_url or not token:
            return None
        config = replace(
            self._transport_config,
            ca_bundle=state.ca_bundle or self._transport_config.ca_bundle,
            pin_sha256=state.cert_sha256,
            read_timeout=max(self._transport_config.read_timeout, 40.0),
        )
        return WatchTarget(state.server_url, token, self.store.get_cursor(), config)
    def session(self, config: TransportConfig | None = None) -> Transport:
        """A transport to the enrolled server with the device's token, made by the same factory as sync rounds
        (so TLS settings and a pinned hub certificate apply): the office queue's calls use it. The caller
        closes it."""
        state = self.store.load_state()
        token = self.credentials.load()
        if not state.server_url or not token:
            raise NotEnrolledError()
        t = self._factory(state.server_url, token)
        if config is not None:
            t.config = replace(config, ca_bundle=t.config.ca_bundle, pin_sha256=t.config.pin_sha256)
        return t

    def fetch_anchors(self) -> list[tuple[int, str]]:
        """The audit chain heads the server received from this device, oldest first (for ``audit verify``)."""
        state = self.store.load_state()
        token = self.credentials.load()
        if not state.server_url or not token:
            raise NotEnrolledError()
        t = self._factory(state.server_url, token)
        try:
            return [(a.seq, a.hash) for a in api.anchors(t).anchors]
        finally:
            t.close()

    def _push(self, t: Transport, state: SyncState) -> tuple[int, int]:
        pushed = rejected = 0
        limit = self.config.batch_events
        head = self.store.audit_head()
        for _ in range(self.config.max_batches_per_round):
            events = self.store.pending_events(limit)
            if not events and (head is None or head[0] == state.anchor_seq):
                break
            encoded = [encode_event(e) for e in events]
            n = fit(encoded, self.config.batch_bytes)
            batch, ids = events[:n], [e.id for e in events[:n]]
            try:
                answer = api.push(t, encoded[:n], format_utc(self.now()), head)
            except RejectedError as exc:
                if not _one_event_to_blame(exc):
                    self.store.record_attempt(ids, exc.code)
                    raise
                if n > 1:  # halve until the event the server cannot take is alone, then set it aside
                    limit = max(1, n // 2)
                    continue
                self.store.mark_rejected(ids[0], f"{exc.error}: {exc.detail}")
                rejected += 1
                continue
            except SyncError as exc:
                self.store.record_attempt(ids, exc.code)
                raise
            results = {r.id: r for r in answer.results}
            acked = [i for i in ids if i in results and results[i].result == RESULT_ACCEPTED]
            self.store.mark_acked(acked)
            for event in batch:
                r = results.get(event.id)
                if r is not None and r.result != RESULT_ACCEPTED:
                    self.store.mark_rejected(event.id, f"{r.error or r.result}: {r.message or ''}".strip())
                    rejected += 1
            pushed += len(acked)
            if head is not None:
                state.anchor_seq = head[0]
            missing = [i for i in ids if i not in results]
            if missing:
                self.store.record_attempt(missing, "no_result")
                raise ServerError(f"no answer for {len(missing)} event(s)")
            if not events:
                break
            limit = min(self.config.batch_events, limit * 2)
        return pushed, rejected

    def _server_restored(self, t: Transport, state: SyncState) -> bool:
        """True (once) when the server's generation is not the one last seen: a hub restored from a backup has
        lost what it acknowledged after the backup, so the device sends all it still holds again (idempotent by
        event id). The first generation ever seen is only remembered."""
        seen = t.generation
        if not seen or seen == state.server_generation:
            return False
        known, state.server_generation = state.server_generation, seen
        if known is None:
            self.store.save_state(state)
            return False
        count = self.store.resend_all()
        self.store.save_state(state)
        log.warning("the server was restored from a backup (generation %s, was %s): %d events sent again",
                    seen, known, count)
        return True

    def _server_now(self, server_time: str) -> datetime:
        try:
            return parse_time(server_time)
        except ValueError:
            return self.now().astimezone(UTC)

    def _pull(self, t: Transport) -> tuple[int, int, int]:
        pulled = applied = held = 0
        cursor = self.store.get_cursor()
        office = self.store.load_state().office_code
        for _ in range(self.config.max_pages_per_round):
            page = api.pull(t, cursor, self.config.pull_limit)
            now = self._server_now(page.server_time)
            good: list[IncomingChange] = []
            bad: list[tuple[IncomingChange, str]] = []
            for c in page.changes:
                change = IncomingChange(c.kind, c.key, c.data, c.at)
                problem = check_change(c.kind, c.key, c.data, c.at, office, now)
                if problem is None:
                    good.append(change)
                else:
                    bad.append((change, f"{problem.error}: {problem.message}"))
            applied += self.store.apply_pulled(good, page.cursor, bad)
            pulled += len(page.changes)
            held += len(bad)
            cursor = page.cursor
            if not page.more:
                break
        return pulled, applied, held
