"""Identifiers made on the device: time-ordered UUIDv7, so rows sort by creation and need no server."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    return str(uuid6.uuid7())
