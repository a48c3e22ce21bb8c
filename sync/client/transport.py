"""HTTP to the central server: session, timeouts, TLS, auth, gzip, retries, and error mapping.

Kept apart from the per-endpoint functions (:mod:`sync.client.api`) so that those stay one line each and every
request gets the same treatment. Every request this client makes is safe to repeat (events carry their ids,
pulls are reads, enrolment replays), so transient failures are retried here a few times with jittered
backoff before they surface as a typed error. Each answer's ``X-Server-Time`` also gives the clock offset.

A transport is used again and again: between a device's sync rounds (:class:`sync.client.engine.SyncEngine`),
by the feed watcher's long polls (:mod:`sync.client.watch`) and by the hub's link to the province
(:mod:`sync.hub.link`), so its session may hold a connection the server has since closed (its keep-alive ran
out, or it restarted). urllib3 drops one it sees closed before reuse; when a request sent on a connection that
sat idle (``resend_after_idle_s`` or more since the last answer) fails with "connection aborted" (closed while
the request was on its way), it goes again at once on a new connection, without using up a retry (the request
is safe to repeat: a push the server did get answers the same the second time, never stores twice). This is the
one place that rule lives. A new connection, or one that breaks between back-to-back requests, is a server gone
away: the retries and their backoff decide.
"""

from __future__ import annotations

import gzip
import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError
from urllib3.exceptions import ProtocolError

from sync.client.errors import (
    AuthError,
    CertificateError,
    OfflineError,
    PinMismatchError,
    RejectedError,
    ServerError,
    SyncError,
)
from sync.client.lan import proxies_for
from sync.client.pinning import PinnedAdapter
from sync.protocol.constants import HEADER_GENERATION, HEADER_SERVER_TIME, PROTOCOL_VERSION
from sync.protocol.timefmt import parse_time

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class TransportConfig:
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    attempts: int = 3  # tries per request for transient failures (offline, 5xx, cut answers)
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    ca_bundle: str | None = None  # a PEM file for a provincial CA; None: the system's trusted roots
    gzip_min_bytes: int = 1024
    pin_sha256: str | None = None  # an office hub's certificate fingerprint (hex): checked instead of a CA
    resend_after_idle_s: float = 1.0  # a connection idle this long may have been closed by the server unseen


class Transport:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        config: TransportConfig | None = None,
        *,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._proxies = proxies_for(self.base_url)  # the office hub on the LAN: never through the PC's proxy
        self.token = token
        self.config = config or TransportConfig()
        self._session = session or requests.Session()
        self._session.headers["User-Agent"] = f"motcua-sync/{PROTOCOL_VERSION}"
        if self.config.pin_sha256:
            self._session.mount("https://", PinnedAdapter(self.config.pin_sha256))
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._wall = wall  # the device clock the offset is measured against (the app's clock)
        self.clock_offset: float | None = None  # server minus device, seconds
        self.generation: str | None = None  # an office hub's database generation, from its last answer
        self.bytes_sent = 0
        self.bytes_received = 0
        # When the last request was answered (monotonic): its connection waits in the pool since, and the server
        # may close it before the next request goes out on it.
        self._answered_at: float | None = None
        self.resent_on_new_connection = 0  # requests sent again because their idle connection was closed

    def close(self) -> None:
        self._session.close()

    def call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        body: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        auth: bool = True,
        attempts: int | None = None,
    ) -> M:
        """One request with retries; returns the parsed answer or raises a :class:`SyncError`."""
        tries = attempts or self.config.attempts
        for attempt in range(1, tries + 1):
            try:
                return self._once(method, path, model, body, params, auth)
            except (OfflineError, ServerError):
                if attempt == tries:
                    raise
                delay = min(self.config.backoff_cap, self.config.backoff_base * 2 ** (attempt - 1))
                self._sleep(self._rng.uniform(delay / 2, delay))
        raise AssertionError("unreachable")

    def _once(
        self,
        method: str,
        path: str,
        model: type[M],
        body: bytes | None,
        params: Mapping[str, Any] | None,
        auth: bool,
    ) -> M:
        headers = {"Accept": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token or ''}"
        if body is not None:
            headers["Content-Type"] = "application/json"
            if len(body) >= self.config.gzip_min_bytes:
                body = gzip.compress(body, compresslevel=6)
                headers["Content-Encoding"] = "gzip"
            self.bytes_sent += len(body)
        started = self._wall()
        try:
            response, content = self._send(method, path, body, params, headers)
        except requests.exceptions.SSLError as exc:
            if self.config.pin_sha256 and "ingerprint" in str(exc):
                raise PinMismatchError(self.base_url) from exc
            raise CertificateError(str(exc.__cause__ or exc)[:200]) from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise OfflineError(type(exc).__name__) from exc
        except requests.exceptions.RequestException as exc:  # chunked/decoding errors: a cut answer
            raise ServerError(f"incomplete answer: {type(exc).__name__}") from exc
        self.bytes_received += int(response.headers.get("Content-Length") or len(content))
        self._measure_clock(response.headers.get(HEADER_SERVER_TIME), started, self._wall())
        self.generation = response.headers.get(HEADER_GENERATION) or self.generation
        if response.status_code >= 400:
            raise _error_for(response.status_code, content)
        try:
            return model.model_validate_json(content)
        except ValidationError as exc:
            raise ServerError(f"malformed answer to {path}", status=response.status_code) from exc

    def _send(
        self, method: str, path: str, body: bytes | None, params: Mapping[str, Any] | None, headers: dict[str, str]
    ) -> tuple[requests.Response, bytes]:
        def once() -> tuple[requests.Response, bytes]:
            response = self._session.request(
                method,
                self.base_url + path,
                data=body,
                params=params,
                headers=headers,
                timeout=(self.config.connect_timeout, self.config.read_timeout),
                verify=self._verify(),
                proxies=self._proxies,
            )
            return response, response.content  # reads the whole body: a cut body raises here

        answered, self._answered_at = self._answered_at, None
        idle = answered is not None and time.monotonic() - answered >= self.config.resend_after_idle_s
        try:
            answer = once()
        except requests.exceptions.ConnectionError as exc:
            if not (idle and _aborted(exc)):
                raise  # not a closed idle connection: the server went away, retries and backoff decide
            self.resent_on_new_connection += 1  # urllib3 left the closed connection out of the pool
            answer = once()
        self._answered_at = time.monotonic()
        return answer

    def _verify(self) -> bool | str:
        """A pinned hub is checked by fingerprint (the adapter); else a request-level CA path wins over
        $REQUESTS_CA_BUNDLE, else the system's roots."""
        if self.config.pin_sha256:
            return False
        return self.config.ca_bundle or True
    def stream(self, path: str, read_timeout: float) -> Iterator[tuple[str, str]]:
        """Server-sent events of ``path`` as (event, data) pairs, through the same session, TLS settings and
        token as every request. Ends with :class:`OfflineError` when the stream drops or stays silent longer
        than ``read_timeout`` (the server sends a comment line every few seconds)."""
        headers = {"Accept": "text/event-stream", "Authorization": f"Bearer {self.token or ''}"}
        try:
            response = self._session.get(
                self.base_url + path,
                headers=headers,
                stream=True,
                timeout=(self.config.connect_timeout, read_timeout),
                verify=self._verify(),
                proxies=self._proxies,
            )
        except requests.exceptions.SSLError as exc:
            raise CertificateError(str(exc.__cause__ or exc)[:200]) from exc
        except requests.exceptions.RequestException as exc:
            raise OfflineError(type(exc).__name__) from exc
        with response:
            if response.status_code >= 400:
                raise _error_for(response.status_code, response.content)
            name, data = "message", list[str]()
            try:
                for line in response.iter_lines():
                    raw = line.decode("utf-8", "replace")
                    if raw == "":
                        if data:
                            yield name, "\n".join(data)
                        name, data = "message", []
                    elif raw.startswith("event:"):
                        name = raw[6:].strip()
                    elif raw.startswith("data:"):
                        data.append(raw[5:].lstrip())
                    elif raw.startswith(":"):
                        yield "comment", ""  # a keep-alive: lets the reader look up between events
            except requests.exceptions.RequestException as exc:
                raise OfflineError(type(exc).__name__) from exc
        raise OfflineError("stream ended")

    def _measure_clock(self, header: str | None, sent: float, received: float) -> None:
        if not header or received - sent > 5.0:  # a slow round trip gives a poor estimate
            return
        try:
            server = parse_time(header).timestamp()
        except ValueError:
            return
        self.clock_offset = round(server - (sent + received) / 2, 3)


def _aborted(exc: requests.exceptions.ConnectionError) -> bool:
    """The connection broke under a request already sent or being sent (not: no connection could be made)."""
    return bool(exc.args) and isinstance(exc.args[0], ProtocolError)


def _error_for(status: int, content: bytes) -> SyncError:
    error, message = "", ""
    body: Any = None
    try:
        import json

        body = json.loads(content)
        error, message = str(body.get("error", "")), str(body.get("message", ""))
    except (ValueError, AttributeError):
        pass
    detail = f"HTTP {status}" + (f": {error}" if error else "")
    if status == 422 and error == "queue_refused":  # a queue rule refused the action: the device shows its reason
        return RejectedError(detail + f" — {message}", error=error, status=status, body=body)
    if status == 401:
        return AuthError(detail, error=error, status=status)
    if status >= 500 or status in (408, 429):
        return ServerError(detail, error=error, status=status)
    return RejectedError(detail + (f" — {message}" if message else ""), error=error, status=status)
