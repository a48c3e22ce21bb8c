"""The server's one request-level error: an HTTP status, a machine code and an English message.

Per-event problems are not errors: they travel inside a 200 answer so that one bad event never fails a batch.
"""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str = "") -> None:
        super().__init__(message or error)
        self.status = status
        self.error = error
        self.message = message
