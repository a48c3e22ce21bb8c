"""The server's JSON answers and how an exception becomes one: shared by FastAPI's exception handlers and the
push path that runs without the framework (:mod:`sync.server.push_route`), so both answer a failure alike.

Why one place: a device reads ``{"error", "message"}`` and the status; a second copy of this mapping would drift
(a 507 for a full disk on one path, a 500 on the other).
"""

from __future__ import annotations

import errno
import json
import logging
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import constants as c
from sync.server.errors import ApiError

log = logging.getLogger("motcua.central")
ERR_STORAGE_FULL = "storage_full"


def json_response(data: Any, status: int = 200) -> Response:
    """Serialise once, without re-validating what the handler just built."""
    # backslashreplace: an error message quoting a lone surrogate must not turn a 422 into a 500
    body = json.dumps(data, ensure_ascii=False).encode("utf-8", "backslashreplace")
    return Response(body, status, media_type="application/json")


def _disk_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database or disk is full" in text or "no space left" in text or getattr(exc, "errno", 0) == errno.ENOSPC


def error_response(exc: Exception) -> Response:
    """The answer for ``exc``: the API's own errors as they are, a refused body as 422 naming the first field,
    a full disk as 507 (the transaction rolled back), anything else as a logged 500."""
    if isinstance(exc, ApiError):
        return json_response({"error": exc.error, "message": exc.message}, exc.status)
    if isinstance(exc, RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return json_response({"error": c.ERR_BAD_REQUEST, "message": f"{where}: {first.get('msg', 'invalid')}"}, 422)
    if isinstance(exc, StarletteHTTPException):
        return json_response(
            {"error": "not_found" if exc.status_code == 404 else "http_error", "message": str(exc.detail)},
            exc.status_code,
        )
    if _disk_full(exc):  # the transaction rolled back: nothing of the request is stored
        log.error("database full: %s", exc)
        full = "the server's disk is full: nothing was stored"
        return json_response({"error": ERR_STORAGE_FULL, "message": full}, 507)
    log.error("unhandled error", exc_info=exc)
    return json_response({"error": c.ERR_INTERNAL, "message": "internal server error"}, 500)
