"""Whose an event is, and whose clock it carries, when an office hub forwards it.

Why: a hub pushes its devices' events to the province under its own token, so without more the province would
take every forwarded change as the hub's own: it could not refuse a kiosk's status change, it would order a
status by the hub's clock correction instead of the device's, and it would record every scanned page as scanned
by the hub. The hub therefore sends, with each event (and each page offer), the device that made it
(``device_id``) and the skew it measured on that device's push (``skew_ms``). The province honours these only
from a hub, and checks the device against what it knows: a device it knows must be of the hub's own office
(a hub cannot claim another office's device), and a device it knows to hold no slot (a kiosk, a screen) may
send no dossier event. A device enrolled only at the hub is unknown to the province: the hub answers for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from sync.protocol.models import WireEvent
from sync.protocol.validation import Problem
from sync.server.db import Tx
from sync.server.devices import ERR_NO_SLOT, ROLE_HUB, Device

ERR_FOREIGN_DEVICE = "foreign_device"


def is_dossier_event(kind: str) -> bool:
    return kind.startswith("dossier.")


def skew_ms(skew: timedelta) -> int | None:
    """What the hub stores with an event: the skew of the push that brought it (None: the clock was trusted)."""
    return round(skew.total_seconds() * 1000) if skew else None


def event_skew(device: Device, push_skew: timedelta, ev: WireEvent) -> timedelta:
    """The correction for ``ev``'s device time: the sender's skew, plus (from a hub) the hub's skew of the
    device that made it. A device's own ``skew_ms`` is ignored: only a hub measures another device's clock."""
    if device.role == ROLE_HUB and ev.skew_ms:
        return push_skew + timedelta(milliseconds=ev.skew_ms)
    return push_skew


def origin_of(device: Device, ev: WireEvent) -> str | None:
    """The device that made a forwarded event (None: the sender made it, or a hub's own event)."""
    return ev.device_id if device.role == ROLE_HUB and ev.device_id and ev.device_id != device.id else None


def known_devices(tx: Tx, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    marks = ", ".join("?" * len(wanted))
    rows = tx.all(f"SELECT id, office_code, slot, role FROM devices WHERE id IN ({marks})", wanted)
    return {r["id"]: r for r in rows}


def foreign(sender: Device, origin: str, known: dict[str, dict[str, Any]]) -> Problem | None:
    """Why a hub may not speak for device ``origin`` (None: it may)."""
    row = known.get(origin)
    if row is None:
        return None  # enrolled at the hub only: the hub answers for its own devices
    if row["office_code"] != sender.office_code or row["role"] == ROLE_HUB:
        return Problem(
            ERR_FOREIGN_DEVICE,
            f"device_id: device {origin} is not a device of office {sender.office_code}: the hub cannot send for it",
        )
    return None


def scanner(tx: Tx, sender: Device, claimed: str | None) -> tuple[str, Problem | None]:
    """The device a hub says scanned a page file (``""``: the sender itself: a device's own claim is ignored),
    or why the hub may not say so."""
    if sender.role != ROLE_HUB or not claimed or claimed == sender.id:
        return "", None
    return claimed, foreign(sender, claimed, known_devices(tx, [claimed]))


def slotless(sender: Device, origin: str | None, known: dict[str, dict[str, Any]]) -> Problem | None:
    """Why the maker of a dossier event may not make one: a device with no slot (kiosk, screen)."""
    if origin is None:
        if sender.role == ROLE_HUB or sender.slot is not None:
            return None
        who, role = sender.id, sender.role
    else:
        row = known.get(origin)
        if row is None or row["slot"] is not None:
            return None
        who, role = origin, row["role"]
    return Problem(ERR_NO_SLOT, f"device_id: device {who} is a {role} with no slot: it cannot change dossiers")


def check_makers(tx: Tx, sender: Device, items: Iterable[Any]) -> None:
    """Refuse, per event, what its maker may not send: any event for a device of another office (from a hub),
    a dossier event from a slotless device (direct or through a hub). ``items`` are ingest's (``ev``,
    ``problem``); a refusal is set on the item, and nothing of it is written."""
    todo = [i for i in items if i.problem is None]
    known = known_devices(tx, (o for i in todo if (o := origin_of(sender, i.ev))))
    for item in todo:
        origin = origin_of(sender, item.ev)
        problem = foreign(sender, origin, known) if origin else None
        if problem is None and is_dossier_event(item.ev.kind):
            problem = slotless(sender, origin, known)
        item.problem = problem
