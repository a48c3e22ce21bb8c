"""Small ASGI layers around the API: bounded, decoded request bodies; response stamps and the access log; gzip
only where answers can be big.

Bodies are read whole (they are bounded) before the app runs, so a body cut off half-way is never processed:
the client disconnects and nothing is written. Gzip bodies are inflated with a ceiling, so a small compressed
body cannot blow up in memory.
"""

from __future__ import annotations

import json
import logging
import os
import time
import zlib
from typing import Any

from starlette.middleware.gzip import GZipMiddleware

from sync.protocol import constants as c
from sync.protocol.constants import Limits
from sync.protocol.timefmt import utc_now

Scope = dict[str, Any]
log = logging.getLogger("motcua.central.access")


async def _error(send: Any, status: int, error: str, message: str) -> None:
    body = json.dumps({"error": error, "message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _inflate(data: bytes, ceiling: int) -> bytes | None:
    """The gunzipped body, or None when it is not valid gzip; raises OverflowError above ``ceiling``."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, ceiling + 1)
    except zlib.error:
        return None
    if len(out) > ceiling or inflater.unconsumed_tail:
        raise OverflowError
    return out if inflater.eof else None


class BodyGate:
    def __init__(self, app: Any, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = [(k.lower(), v) for k, v in scope["headers"]]
        declared = dict(headers).get(b"content-length")
        too_large = (413, c.ERR_TOO_LARGE, f"request body over {self.limits.max_body_bytes} bytes")
        if declared is not None and declared.isdigit() and int(declared) > self.limits.max_body_bytes:
            await _error(send, *too_large)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client gave up (or the body was cut): nothing to do
            body += message.get("body", b"")
            if len(body) > self.limits.max_body_bytes:
                await _error(send, *too_large)
                return
            if not message.get("more_body"):
                break
        encoding = dict(headers).get(b"content-encoding", b"identity").lower()
        if encoding == b"gzip":
            try:
                inflated = _inflate(bytes(body), self.limits.max_decoded_bytes)
            except OverflowError:
                await _error(send, 413, c.ERR_TOO_LARGE, f"decoded body over {self.limits.max_decoded_bytes} bytes")
                return
            if inflated is None:
                await _error(send, 400, c.ERR_BAD_ENCODING, "the body is not complete, valid gzip")
                return
            body = bytearray(inflated)
        elif encoding != b"identity":
            await _error(send, 400, c.ERR_BAD_ENCODING, f"content-encoding {encoding.decode()!r} not supported")
            return
        headers = [(k, v) for k, v in headers if k not in (b"content-encoding", b"content-length")]
        headers.append((b"content-length", str(len(body)).encode()))
        delivered = False

        async def replay() -> dict[str, Any]:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return dict(await receive())

        await self.app({**scope, "headers": headers}, replay, send)


class Observe:
    """Stamps every answer with the server clock and protocol version; writes one JSON access-log line."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = dict(scope["headers"]).get(b"x-request-id", b"")[:64] or os.urandom(8).hex().encode()
        scope.setdefault("state", {})
        status = 0
        sent = 0

        async def stamp(message: dict[str, Any]) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
                extra = [
                    (b"x-server-time", utc_now().encode()),
                    (b"x-motcua-protocol", str(c.PROTOCOL_VERSION).encode()),
                    (b"x-request-id", request_id),
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, stamp)
        finally:
            state = scope.get("state") or {}
            log.info(
                "request",
                extra={
                    "fields": {
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status or 499,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "bytes_out": sent,
                        "request_id": request_id.decode(errors="replace"),
                        "device": state.get("device_id"),
                        **state.get("log", {}),
                    }
                },
            )


class BigAnswerGzip(GZipMiddleware):
    """Gzip for the feed, pushes and attachments; the office queue's answers are a few hundred bytes and its
    stream must not be buffered, so they skip the layer (measured: a tenth of the hub's time per call)."""

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith(SMALL_ANSWERS):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


SMALL_ANSWERS = (c.API_PREFIX + "/queue/", "/health")
