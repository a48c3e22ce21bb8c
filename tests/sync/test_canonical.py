"""The body hash made from a payload serialised once is byte for byte the hash of the whole event: a changed hash
would turn every redelivery of an event accepted before the upgrade into a conflict."""

from __future__ import annotations

import hashlib
import json
import random

from sync.protocol.canonical import body_hash_of, canonical_json, event_body_hash
from tests.sync.fakes import dossier_payload

WEIRD = ["ư", "\u2028", "\x7f", 'a"b\\c', "\n\t", "😀", "", "Nguyễn Thị Hồng Nhung", "\ud800"]


def _value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth < 3 and roll < 0.2:
        return {rng.choice(WEIRD) + str(i): _value(rng, depth + 1) for i in range(rng.randint(0, 4))}
    if depth < 3 and roll < 0.35:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return rng.choice([None, True, False, 0, -7, 2**53, 1.5, 1e16, rng.choice(WEIRD)])


def test_hash_from_the_serialised_payload_is_the_events_hash() -> None:
    rng = random.Random(18)
    payloads = [dossier_payload("000.00.12.H62", 3, 3001)] + [_value(rng) for _ in range(400)]
    for payload in payloads:
        for kind, aggregate, at in (("dossier.received", "x", "2026-11-16T08:00:00+07:00"), ("k\u00e9", 'a"', "")):
            assert body_hash_of(kind, aggregate, canonical_json(payload), at) == event_body_hash(
                kind, aggregate, payload, at
            )


def test_the_hash_is_unchanged_from_before() -> None:
    """Pinned against the original definition (one canonical JSON of the whole event), written out here."""
    payload = dossier_payload("000.00.12.H62", 3, 3001)
    whole = {"kind": "dossier.received", "aggregate_id": payload["id"], "payload": payload, "created_at": "t"}
    body = json.dumps(whole, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    assert event_body_hash("dossier.received", payload["id"], payload, "t") == hashlib.sha256(body).hexdigest()
