"""Identifiers made on the device: time-ordered UUIDv7, so rows sort by creation and need no server.

``uuid6`` is imported on the first id, not at start: it pulls in ``importlib.metadata`` (about a tenth of the
window's start), and the window needs no new id before the clerk's first action.
"""

from __future__ import annotations


def new_id() -> str:
    import uuid6

    return str(uuid6.uuid7())
