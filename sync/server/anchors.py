"""Audit anchors: the device's audit chain head, as received with each push, kept per device.

Why: a chain that is cut short or recomputed from the first row verifies on its own; compared with the heads
the server received earlier (a hash for a sequence number that no longer matches, or a sequence number beyond
the local end), it does not. The first hash received for a sequence number stays: a device cannot overwrite
its history by sending a new one.
"""

from __future__ import annotations

from typing import Any

from sync.server.db import Tx
from sync.server.devices import Device

MAX_RETURNED = 1000


def keep(tx: Tx, device: Device, seq: int, digest: str, now: str) -> None:
    tx.execute(
        "INSERT INTO anchors (device_id, office_code, seq, hash, received_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (device_id, seq) DO NOTHING",
        (device.id, device.office_code, seq, digest, now),
    )


def of_device(tx: Tx, device: Device) -> list[dict[str, Any]]:
    """The device's latest anchors (at most MAX_RETURNED), oldest first."""
    rows = tx.all(
        "SELECT seq, hash, received_at FROM anchors WHERE device_id = ? AND office_code = ? ORDER BY seq DESC LIMIT ?",
        (device.id, device.office_code, MAX_RETURNED),
    )
    return list(reversed(rows))
