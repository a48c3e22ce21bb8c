"""The device's side of attachment upload: the store behind :class:`sync.client.attachments.AttachmentSource`.

Why here and not in the sync engine: ``sync/`` never imports ``app/``, and attachments are the lowest-priority
traffic, so they run after the event round on their own (``motcua attachments upload``, or the background runner
after a round). ``events_waiting`` is what keeps dossier events first: the uploader stops before its next chunk as
soon as any event is pending.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app.security.sealed_token import token_store
from app.services.clock import Clock, SystemClock, iso
from app.services.sync_bridge import TOKEN_FILE, StoreSyncBridge
from app.store import attachments as repo
from app.store import blobs
from app.store.db import Store
from sync.client.attachments import AttachmentUploader, PendingAttachment, UploadReport
from sync.client.engine import RoundReport
from sync.client.errors import NotEnrolledError, SyncError

log = logging.getLogger("motcua.sync.attachments")


class StoreAttachmentSource:
    def __init__(self, store: Store, data_dir: Path, clock: Clock | None = None) -> None:
        self.store = store
        self.data_dir = Path(data_dir)
        self.clock = clock or SystemClock()
        self._open: tuple[str, bytes] = ("", b"")

    def next_pending(self, exclude: set[str]) -> PendingAttachment | None:
        row = repo.next_pending(self.store, tuple(exclude))
        if row is None:
            return None
        return PendingAttachment(
            id=row["id"],
            dossier_id=row["dossier_id"],
            document_position=row["document_position"],
            sha256=row["sha256"],
            bytes=row["bytes"],
            pages=row["pages"],
        )

    def read(self, sha256: str, start: int, size: int) -> bytes:
        """A chunk of the plain document (files are sealed on disk: opened once, kept for the next chunks)."""
        if self._open[0] != sha256:
            self._open = (sha256, blobs.read(self.data_dir, sha256, self.store.key))
        return self._open[1][start : start + size]

    def record_progress(self, attachment_id: str, sha256: str, uploaded: int, done: bool) -> None:
        with self.store.transaction():
            repo.record_progress(self.store, attachment_id, sha256, uploaded, iso(self.clock.now()) if done else None)

    def record_error(self, attachment_id: str, message: str) -> None:
        with self.store.transaction():
            repo.record_error(self.store, attachment_id, message)

    def events_waiting(self) -> bool:
        return repo.events_waiting(self.store)


def build_uploader(store: Store, data_dir: Path, clock: Clock | None = None) -> AttachmentUploader:
    state = StoreSyncBridge(store, clock).load_state()
    token = token_store(Path(data_dir), store.key, TOKEN_FILE).load()  # type: ignore[attr-defined]
    if not token or not state.server_url:
        raise NotEnrolledError()
    return AttachmentUploader(
        StoreAttachmentSource(store, data_dir, clock), state.server_url, token, ca_bundle=state.ca_bundle,
        pin_sha256=state.cert_sha256 or None,
    )


def upload_pending(store: Store, data_dir: Path, max_seconds: float | None = None) -> UploadReport:
    uploader = build_uploader(store, data_dir)
    try:
        return uploader.run(max_seconds=max_seconds)
    finally:
        uploader.close()


ROUND_SECONDS = 50.0  # upload time per background round; the runner's next round (and any wake) comes after


def after_round(
    store: Store, data_dir: Path, then: Callable[[RoundReport], None] | None = None
) -> Callable[[RoundReport], None]:
    """The background runner's ``on_round``: report the round (``then``), then upload for a while.

    Runs on the sync thread after the events were pushed and pulled; never raises (a failed upload is retried at
    the next round from the server's offset).
    """

    def on_round(report: RoundReport) -> None:
        if then is not None:
            then(report)
        try:
            upload_pending(store, data_dir, ROUND_SECONDS)
        except SyncError as exc:
            log.info("attachment upload stopped: %s", exc.code)
        except Exception:
            log.exception("attachment upload failed")

    return on_round
