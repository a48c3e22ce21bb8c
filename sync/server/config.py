"""Server settings, declared once with their defaults and passed in (no module globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from sync.protocol.constants import DEFAULT_LIMITS, Limits

ENV_DATABASE = "MOTCUA_CENTRAL_DB"
DEFAULT_DATABASE = "sqlite:///motcua-central.sqlite3"


def database_url(explicit: str | None = None) -> str:
    """``--database-url``, else ``$MOTCUA_CENTRAL_DB``, else a SQLite file in the current folder."""
    return explicit or os.environ.get(ENV_DATABASE) or DEFAULT_DATABASE


@dataclass(frozen=True)
class ServerSettings:
    database_url: str = DEFAULT_DATABASE
    limits: Limits = field(default_factory=lambda: DEFAULT_LIMITS)
    pool_size: int = 8
    log_level: str = "info"
    role: str = "central"  # "hub": an office hub (motcua hub serve), announced by /health
    max_wait_s: float = 60.0  # the longest a pull may be held (``wait``); the fuzz tests keep it short
    queue_host: bool = False  # the office hub: hosts the office queue (/v1/queue/…); a province's server does not


def limits_with(max_body_bytes: int | None) -> Limits:
    """The default limits with the operator's body ceiling (the decoded ceiling grows with it)."""
    if not max_body_bytes:
        return DEFAULT_LIMITS
    decoded = max(DEFAULT_LIMITS.max_decoded_bytes, 8 * max_body_bytes)
    return replace(DEFAULT_LIMITS, max_body_bytes=max_body_bytes, max_decoded_bytes=decoded)
