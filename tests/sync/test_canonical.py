"""The body hash made from a payload serialised once is byte for byte the hash of the whole event: a changed hash
would turn every redelivery of an event accepted before the upgrade into a conflict."""

from __future__ import annotations

import hashlib
import json
import math
import random

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.protocol.canonical import (
    _has_tiny_float,
    body_hash_of,
    canonical_json,
    event_body_hash,
    fast_canonical_json,
)
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


FLOATS = [1e-05, -1e-05, 9.9e-05, 0.0001, 1e-07, 1.23456e-08, 5e-324, 9.99e15, 1e16, -1.5e300, 2.0**53, 0.1, -0.0]


def test_the_fast_canonical_json_is_the_same_bytes() -> None:
    """orjson writes tiny floats another way than json ("0.00001" against "1e-05"): those, lone surrogates and
    integers beyond 64 bits must take json's path, everything else must already agree."""
    rng = random.Random(19)
    values = [dossier_payload("000.00.12.H62", 3, 3001), {"f": FLOATS, "n": 2**70, "s": "\ud800", "e": "e-mail 0.0000"}]
    deep: list[object] = []
    for _ in range(300):  # deeper than orjson's limit (254)
        deep = [deep]
    randoms = [_value(rng) for _ in range(400)]
    values += randoms + [[f] for f in FLOATS] + [deep]
    for value in values:
        assert fast_canonical_json(value) == canonical_json(value).encode("utf-8", "surrogatepass"), value


def test_uuids_and_texts_that_look_like_tiny_floats_keep_the_fast_path() -> None:
    """A UUID holds "6e-7" as often as not: the check for a tiny float must look at what precedes it."""
    fast = {"id": "01a23512-b06e-7568-b807-63d78afc0000", "n": "x 0.00001", "a": [1, "3e-5"], "v": 12.5}
    assert not _has_tiny_float(orjson.dumps(fast, option=orjson.OPT_SORT_KEYS))
    for tiny in ([1e-05], {"a": -1.5e-07}, [3, 0.00009], {"a": [2, 7e-300]}, 4.3e-09, -0.00001):
        assert _has_tiny_float(orjson.dumps(tiny, option=orjson.OPT_SORT_KEYS)), tiny


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_the_fast_canonical_json_agrees_on_any_finite_value(value: object) -> None:
    assert fast_canonical_json(value) == canonical_json(value).encode("utf-8", "surrogatepass")
    text = canonical_json(value)
    assert body_hash_of("k", "a", fast_canonical_json(value), "t") == body_hash_of("k", "a", text, "t")


def test_nan_is_not_claimed_equal() -> None:
    """The one documented difference: orjson writes NaN as null (validation refuses NaN before it matters)."""
    assert canonical_json([math.nan]) == "[NaN]"
    assert fast_canonical_json([math.nan]) == b"[null]"
