"""Realistic dossier events for the sync benchmarks: received by the app's own service, then one per device event.

Why: a benchmark that sends the same payload again and again measures gzip's best case and a server that sees
one shape of data. Templates come from :func:`app.services.receive.receive_dossier` (what the outbox really
holds: varied procedures, their document lists, realistic size); each simulated event then gets its own person
(the demo generator's names, valid CCCD numbers, phones, addresses), id, code in its device's slot, and time.
A receive that fails is an error of the benchmark, never skipped: :class:`ReceiveFailed` names it.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import uuid6

from app.domain.timezone import VN_TZ
from app.services.clock import FixedClock
from app.services.context import ServiceContext
from app.services.demo import _person as demo_person
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import init_office, open_store
from app.store import catalog, outbox
from sync.client.batching import encode_event
from sync.client.store import OutgoingEvent

OFFICE = "000.00.12.H62"
PAGES_REQUIRED = "2.000815"  # the demo's procedure that needs a page count


class ReceiveFailed(RuntimeError):
    """Some receives of the template office failed: the benchmark stops instead of measuring fewer dossiers."""


def real_dossiers(folder: Path, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """``count`` dossier payloads received by the app's service in a fresh office (the outbox's own events)."""
    store = open_store(folder)
    try:
        clock = FixedClock(datetime.fromisoformat("2026-11-16T08:00:00+07:00"))
        ctx = ServiceContext(store=store, data_dir=folder, clock=clock)
        init_office(ctx, office_code=OFFICE, office_name="UBND xã Tân Phú", admin_password="benchmark-pass")
        codes = [row["code"] for row in catalog.list_rows(store)]
        failures: Counter[str] = Counter()
        for _ in range(count):
            name, id_number, phone, address = demo_person(rng)
            code = rng.choice(codes)
            clock.advance(minutes=3)
            try:
                receive_dossier(
                    ctx,
                    ReceiveInput(
                        procedure_code=code,
                        applicant_name=name,
                        id_number=id_number,
                        phone=phone,
                        address=address,
                        pages=rng.randint(1, 12) if code == PAGES_REQUIRED else None,
                    ),
                )
            except Exception as exc:  # counted and reported below, never dropped
                failures[f"{type(exc).__name__}: {exc}"[:160]] += 1
        if failures:
            raise ReceiveFailed(f"{sum(failures.values())} of {count} receives failed: {dict(failures)}")
        events = [e.payload for e in outbox.pending(store, count * 2) if e.kind == "dossier.received"]
    finally:
        store.close()
    if len(events) != count:
        raise ReceiveFailed(f"{count} receives made {len(events)} dossier.received events")
    return events


def clone(
    template: dict[str, Any], office: str, slot: int, number: int, at: datetime, rng: random.Random
) -> dict[str, Any]:
    """A new dossier from ``template``: its own person, id, code ``number`` in ``slot`` on ``at``'s local day,
    received at ``at`` (the due time moved with it)."""
    at = at.astimezone(VN_TZ).replace(microsecond=0)
    name, id_number, phone, address = demo_person(rng)
    shift = at - datetime.fromisoformat(template["received_at"])
    due = template.get("due_at")
    return dict(
        template,
        id=str(uuid6.uuid7()),
        due_at=(datetime.fromisoformat(due) + shift).isoformat() if due else due,
        code=f"{office}-{at:%y%m%d}-{slot * 1000 + number:04d}",
        office_code=office,
        device_slot=slot,
        applicant_name=name,
        id_number=id_number,
        phone=phone,
        address=address,
        received_at=at.isoformat(),
        received_day=at.date().isoformat(),
        updated_at=at.isoformat(),
    )


def device_events(
    templates: list[dict[str, Any]], office: str, slot: int, count: int, rng: random.Random, end: datetime
) -> list[bytes]:
    """``count`` encoded ``dossier.received`` events of one device, one person each, received a minute apart up
    to ``end`` (so none is in the future), numbered in the device's ``slot`` as a counter numbers them."""
    if count > 999:
        raise ValueError("count: at most 999 dossiers per device and day")
    out = []
    for n in range(1, count + 1):
        payload = clone(rng.choice(templates), office, slot, n, end - timedelta(minutes=count - n), rng)
        event = OutgoingEvent(str(uuid6.uuid7()), "dossier.received", payload["id"], payload, payload["received_at"])
        out.append(encode_event(event))
    return out
