"""The wire contract shared by the client engine and the central server (docs/sync-protocol.md).

Both ends import these definitions so that a field renamed on one side is renamed on the other; the server's
OpenAPI document is generated from the same models.
"""

from sync.protocol.constants import (
    API_PREFIX,
    CHANGE_CALENDAR,
    CHANGE_CATALOG,
    CHANGE_DOSSIER,
    CHANGE_DOSSIER_STATUS,
    EVENT_DOSSIER_RECEIVED,
    EVENT_STATUS_CHANGED,
    PROTOCOL_VERSION,
    Limits,
)

__all__ = [
    "API_PREFIX",
    "CHANGE_CALENDAR",
    "CHANGE_CATALOG",
    "CHANGE_DOSSIER",
    "CHANGE_DOSSIER_STATUS",
    "EVENT_DOSSIER_RECEIVED",
    "EVENT_STATUS_CHANGED",
    "PROTOCOL_VERSION",
    "Limits",
]
