"""One counter number, one PC: a PC may not end the ticket another running PC is serving at the same counter.

Why: every PC is set up with its counter number (``motcua init --counter``, 1 unless told), and the hub knows a
counter only by that number. Two PCs left at the default both act as counter 1: the second one's "next" closed
the first one's citizen as served (while that citizen sat at the first PC), the screen sent the next citizen to
the same desk, and the first PC's panel then showed — and could finish — the second PC's citizen. The hub now
refuses, naming the other PC, while that PC is running (seen by the hub within ``TAKEOVER_AFTER_S``; a running
app is seen at least once a minute); a PC that was switched off or revoked is taken over without a word, so a
spare PC can replace a broken one at the same counter. Who called the ticket is read from the screens' log
(the counter's last call today) and the event it names: no column of its own.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sync.protocol import constants as c
from sync.protocol.timefmt import parse_time
from sync.server.db import Tx
from sync.server.devices import Device
from sync.server.queue_rules import QueueRules

TAKEOVER_AFTER_S = 180  # "last seen" is written at most once a minute; a running PC asks every few seconds


def caller(tx: Tx, office: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """The device that called ``row`` to its counter (id, name, last seen, revoked), if the log still names it."""
    call = tx.one(
        "SELECT event_id FROM queue_log WHERE office_code = ? AND day = ? AND counter = ? AND ticket_id = ?"
        " AND kind = ? ORDER BY seq DESC LIMIT 1",
        (office, row["day"], row["counter"], row["id"], c.QUEUE_CALLED),
    )
    if call is None:
        return None
    return tx.one(
        "SELECT d.id, d.name, d.last_seen_at, d.revoked_at FROM events e JOIN devices d ON d.id = e.device_id"
        " WHERE e.office_code = ? AND e.id = ?",
        (office, call["event_id"]),
    )


def check(rules: QueueRules, tx: Tx, device: Device, row: dict[str, Any], now: str) -> None:
    """Refuse ``device`` acting on ``row`` (called to a counter) when another running PC called it there."""
    other = caller(tx, device.office_code, row)
    if other is None or other["id"] == device.id or other["revoked_at"] is not None or not other["last_seen_at"]:
        return
    if parse_time(other["last_seen_at"]) + timedelta(seconds=TAKEOVER_AFTER_S) < parse_time(now):
        return  # that PC is off: this one takes the counter over
    name, counter, number = other["name"] or other["id"][:8], row["counter"], row["number"]
    minutes = TAKEOVER_AFTER_S // 60
    raise rules.ValidationError(
        "counter",
        f"quầy {counter} đang phục vụ số {number} do máy “{name}” gọi: mỗi máy cần số quầy riêng (Cài đặt); "
        f"nếu máy đó đã tắt, chờ {minutes} phút rồi thử lại",
        f"counter {counter} is serving {number}, called from the PC “{name}”: each PC needs its own counter "
        f"number (Settings); if that PC is off, try again in {minutes} minutes",
    )
