"""The central server's attachment endpoints: offer a file, send it in chunks at the offset the server holds.

Each request is one transaction that authenticates the device first and locks the attachment row, so two retries
of the same chunk (a lost answer, then a resend) can never both be appended: the second finds the offset moved
and gets 409 with the right one. See :mod:`sync.protocol.attachments` for the protocol.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.protocol import attachments as p
from sync.protocol import constants as c
from sync.protocol.timefmt import utc_now
from sync.server import attachment_store as store
from sync.server import devices, origin
from sync.server.answers import json_response
from sync.server.db import Database
from sync.server.errors import ApiError

_bearer = HTTPBearer(auto_error=False)
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
IdPath = Annotated[str, "attachment id"]



def _device(tx: object, credentials: HTTPAuthorizationCredentials | None, request: Request, now: str) -> devices.Device:
    if credentials is None or not credentials.credentials:
        raise ApiError(401, c.ERR_INVALID_TOKEN, "missing bearer token")
    device = devices.authenticate(tx, credentials.credentials, now)  # type: ignore[arg-type]
    request.state.device_id = device.id
    return device


def _state(row: dict, sha256: str) -> dict:
    if row["sha256"] == sha256:
        return {"received": row["bytes"], "complete": True}
    return {"received": row["upload_received"] if row["upload_sha256"] == sha256 else 0, "complete": False}


def make_router(database: Database, on_complete: Callable[[], None] = lambda: None) -> APIRouter:
    """The endpoints, on ``database`` (its tables made here); ``on_complete`` wakes the OCR worker."""
    store.ensure_schema(database)
    router = APIRouter(prefix=p.PATH, tags=["attachments"])

    @router.put("/{attachment_id}", response_model=p.UploadState)
    def offer(attachment_id: IdPath, body: p.AttachmentOffer, request: Request, credentials: Bearer) -> Response:
        """Announce a file; the answer says from which byte to send it (0, a resume point, or complete)."""
        if not 1 <= len(attachment_id) <= 64:
            raise ApiError(422, c.ERR_BAD_REQUEST, "attachment id: 1–64 characters")
        now = utc_now()
        with database.transaction() as tx:
            device = _device(tx, credentials, request, now)
            office = store.dossier_office(tx, body.dossier_id)
            if office is None:
                raise ApiError(409, p.ERR_DOSSIER_UNKNOWN, "the dossier's events have not arrived yet")
            row = store.get(tx, attachment_id, lock=True)
            if office != device.office_code or (row is not None and row["office_code"] != device.office_code):
                raise ApiError(403, c.ERR_BAD_REQUEST, "the dossier belongs to another office")
            if row is not None and row["dossier_id"] != body.dossier_id:
                raise ApiError(409, c.ERR_CONFLICT, "this attachment id belongs to another dossier")
            scanned_by, refused = origin.scanner(tx, device, body.device_id)
            if refused is not None:
                raise ApiError(403, refused.error, refused.message)
            row = store.offer(tx, row, attachment_id, device, body, now, scanned_by)
        return json_response(_state(row, body.sha256))

    @router.post("/{attachment_id}/chunks", response_model=p.UploadState)
    async def chunk(
        attachment_id: IdPath,
        request: Request,
        credentials: Bearer,
        sha256: Annotated[str, Query(pattern=p.SHA256)],
        offset: Annotated[int, Query(ge=0)],
    ) -> Response:
        data = await request.body()
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_chunk, attachment_id, request, credentials, sha256, offset, data)

    def _chunk(
        attachment_id: str,
        request: Request,
        credentials: HTTPAuthorizationCredentials | None,
        sha256: str,
        offset: int,
        data: bytes,
    ) -> Response:
        now = utc_now()
        completed = False
        with database.transaction() as tx:
            device = _device(tx, credentials, request, now)
            row = store.get(tx, attachment_id, lock=True)
            if row is None or row["office_code"] != device.office_code:
                raise ApiError(404, p.ERR_UNKNOWN_UPLOAD, "offer the attachment first (PUT)")
            if row["sha256"] == sha256:
                return json_response({"received": row["bytes"], "complete": True})
            if row["upload_sha256"] != sha256:
                raise ApiError(404, p.ERR_UNKNOWN_UPLOAD, "this file was not offered (or was replaced)")
            if offset != row["upload_received"]:
                return json_response(
                    {
                        "error": p.ERR_WRONG_OFFSET,
                        "message": "send from the offset given",
                        "received": row["upload_received"],
                        "complete": False,
                    },
                    409,
                )
            if not data or offset + len(data) > row["upload_bytes"]:
                raise ApiError(422, c.ERR_BAD_REQUEST, "the chunk is empty or goes past the file's end")
            received = store.append_chunk(tx, attachment_id, sha256, offset, data, now)
            if received == row["upload_bytes"]:
                if not store.complete(tx, {**row, "upload_received": received}, now):
                    answer = {
                        "error": p.ERR_HASH_MISMATCH,
                        "message": "the file's hash differs; send it again",
                        "received": 0,
                        "complete": False,
                    }
                    return json_response(answer, 409)
                completed = True
        if completed:
            on_complete()
        request.state.log = {"attachment": attachment_id, "received": received}
        return json_response({"received": received, "complete": completed})

    return router


def with_ocr(database: Database, worker: object | None) -> APIRouter:
    """The router, waking the OCR worker (if any) when a file completes."""
    wake = getattr(worker, "wake", None)
    return make_router(database, wake if callable(wake) else (lambda: None))
