"""Structured logs: one JSON object per line on stderr, ready for journald, Loki or a plain ``grep``.

Extra fields are passed with ``logger.info("msg", extra={"fields": {...}})`` so the formatter needs no list of
known keys.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from sync.protocol.timefmt import utc_now


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": utc_now(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(level: str = "info") -> None:
    """Route the server's and uvicorn's loggers through one JSON handler (uvicorn's access log is off: the
    server writes its own, with the device and timing)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True
