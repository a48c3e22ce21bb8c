"""Uploading attachments: after the events, chunk by chunk, resuming where the server says it stopped.

Why the server's offset is the truth: the device may have crashed after sending a chunk but before noting it,
or the answer may have been lost; the server's ``received`` (for this file's hash) is what is really there, so
every upload starts by asking (PUT offer) and every 409 answer carries the right offset. Nothing is ever re-sent
whole. Lowest priority: before each chunk the uploader asks the device whether events are waiting and, if so,
stops, so a dossier received meanwhile is pushed at the next round without waiting for a file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

from sync.client.errors import AuthError, OfflineError, RejectedError, ServerError, SyncError
from sync.client.lan import proxies_for
from sync.client.pinning import PinnedAdapter
from sync.protocol import attachments as p


@dataclass(frozen=True)
class PendingAttachment:
    id: str
    dossier_id: str
    document_position: int
    sha256: str
    bytes: int
    pages: int
    device_id: str | None = None  # an office hub's file: the device that scanned it (told to the province)


class AttachmentSource(Protocol):
    """What the device's store offers the uploader (implemented in ``app``)."""

    def next_pending(self, exclude: set[str]) -> PendingAttachment | None: ...

    def read(self, sha256: str, start: int, size: int) -> bytes: ...

    def record_progress(self, attachment_id: str, sha256: str, uploaded: int, done: bool) -> None: ...

    def record_error(self, attachment_id: str, message: str) -> None: ...

    def events_waiting(self) -> bool: ...


@dataclass
class UploadReport:
    completed: list[str] = field(default_factory=list)
    bytes_sent: int = 0
    chunks: int = 0
    deferred: list[str] = field(default_factory=list)  # dossier not on the server yet
    yielded_to_events: bool = False
    out_of_time: bool = False


class AttachmentUploader:
    def __init__(
        self,
        source: AttachmentSource,
        base_url: str,
        token: str,
        *,
        chunk_bytes: int = p.CHUNK_BYTES,
        timeout: tuple[float, float] = (5.0, 60.0),
        session: requests.Session | None = None,
        ca_bundle: str | None = None,
        pin_sha256: str | None = None,
    ) -> None:
        self.source = source
        self.base_url = base_url.rstrip("/")
        self._proxies = proxies_for(self.base_url)  # scanned pages to the office hub: never through a proxy
        self.chunk_bytes = chunk_bytes
        self.timeout = timeout
        self.verify: str | bool = ca_bundle or True
        self._session = session or requests.Session()
        self._session.headers["Authorization"] = f"Bearer {token}"
        if pin_sha256:  # an office hub: its certificate's fingerprint is checked instead of a CA, as for events
            self._session.mount("https://", PinnedAdapter(pin_sha256))
            self.verify = False

    def close(self) -> None:
        self._session.close()

    def _request(self, method: str, path: str, **kw: Any) -> dict[str, Any]:
        try:
            r = self._session.request(
                method, self.base_url + path, timeout=self.timeout, verify=self.verify, proxies=self._proxies, **kw
            )
            body = r.json() if r.content else {}
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise OfflineError(type(exc).__name__) from exc
        except (requests.exceptions.RequestException, ValueError) as exc:
            raise ServerError(f"incomplete answer: {type(exc).__name__}") from exc
        if r.status_code == 409 and "received" in body:
            return body  # wrong offset / hash mismatch: the body says where to go on
        if r.status_code == 401:
            raise AuthError(f"HTTP 401: {body.get('error', '')}", error=str(body.get("error", "")), status=401)
        if r.status_code >= 500 or r.status_code in (408, 429):
            raise ServerError(f"HTTP {r.status_code}", status=r.status_code)
        if r.status_code >= 400:
            error = str(body.get("error", ""))
            raise RejectedError(
                f"HTTP {r.status_code}: {error} — {body.get('message', '')}", error=error, status=r.status_code
            )
        return body

    def run(self, *, max_seconds: float | None = None, stop: Callable[[], bool] = lambda: False) -> UploadReport:
        """Upload pending attachments until none is left, events are waiting, time is up or ``stop()``."""
        report = UploadReport()
        deadline = None if max_seconds is None else time.monotonic() + max_seconds
        skip: set[str] = set()
        while True:
            if self.source.events_waiting():
                report.yielded_to_events = True
                return report
            item = self.source.next_pending(skip)
            if item is None or stop():
                return report
            try:
                done = self._upload(item, report, deadline, stop)
            except RejectedError as exc:
                if exc.error == p.ERR_DOSSIER_UNKNOWN:
                    report.deferred.append(item.id)
                else:
                    self.source.record_error(item.id, str(exc))
                skip.add(item.id)
                continue
            if done:
                report.completed.append(item.id)
            else:
                return report

    def _upload(
        self, item: PendingAttachment, report: UploadReport, deadline: float | None, stop: Callable[[], bool]
    ) -> bool:
        offer = {
            "dossier_id": item.dossier_id,
            "document_position": item.document_position,
            "sha256": item.sha256,
            "bytes": item.bytes,
            "pages": item.pages,
        }
        if item.device_id:
            offer["device_id"] = item.device_id
        state = self._request("PUT", f"{p.PATH}/{item.id}", json=offer)
        received, mismatches = int(state["received"]), 0
        while not state.get("complete"):
            if self.source.events_waiting():
                report.yielded_to_events = True
                return False
            if stop() or (deadline is not None and time.monotonic() > deadline):
                report.out_of_time = True
                return False
            data = self.source.read(item.sha256, received, self.chunk_bytes)
            state = self._request(
                "POST",
                f"{p.PATH}/{item.id}/chunks",
                params={"sha256": item.sha256, "offset": received},
                data=data,
                headers={"Content-Type": "application/octet-stream"},
            )
            if state.get("error") == p.ERR_HASH_MISMATCH:
                mismatches += 1
                if mismatches > 1:
                    raise RejectedError("the server keeps finding another hash", error=p.ERR_HASH_MISMATCH)
            elif not state.get("error"):
                report.bytes_sent += len(data)
                report.chunks += 1
            received = int(state["received"])
            self.source.record_progress(item.id, item.sha256, received, bool(state.get("complete")))
        self.source.record_progress(item.id, item.sha256, item.bytes, True)
        return True


__all__ = ["AttachmentSource", "AttachmentUploader", "PendingAttachment", "SyncError", "UploadReport"]
