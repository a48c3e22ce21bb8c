"""Canonical JSON and the body hash that makes ingest idempotent.

The server compares a repeated event id by this hash, so both ends must agree on it byte for byte: sorted
keys, no spaces, UTF-8 kept as is (the same encoding as the app's outbox payloads).

:func:`canonical_json` is the definition (Python's ``json``). :func:`fast_canonical_json` makes the same bytes
with orjson, about ten times faster: a push serialises ten payloads, and ``json`` was a tenth of the server's
CPU per push (issue 18 item 13). The two agree on every text, integer, key order and container; they differ
only in how a float under 1e-4 is written (``1e-05`` against ``0.00001``), which the fast path detects and
hands to ``json`` (as it does a lone surrogate or an integer beyond 64 bits, which orjson refuses), and on NaN
and infinities, which orjson writes ``null``: validation refuses those, and a refused event is hashed with
:func:`event_body_hash`. ``tests/sync/test_canonical.py`` holds them equal.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson

# How orjson writes a float below 1e-4 ("0.00001", "-1.5e-7"), where Python's json writes "1e-05".
_TINY_FLOAT = (b"0.0000", b"e-")
_DIGITS_AND_POINT = frozenset(b"0123456789.")
_NUMBER_STARTS = frozenset(b":,[")  # what comes before a number in compact JSON (no spaces)


def _starts_number(out: bytes, end: int) -> bool:
    """Whether the digits before ``out[end]`` start a number (at the start, or after ``:``, ``,``, ``[``, maybe
    ``-``), not text."""
    i = end - 1
    while i >= 0 and out[i] in _DIGITS_AND_POINT:
        i -= 1
    if i >= 0 and out[i] == 0x2D:  # "-"
        i -= 1
    return i < 0 or out[i] in _NUMBER_STARTS


def _has_tiny_float(out: bytes) -> bool:
    """Substring searches, then a look at the bytes before each hit (a regex over the output cost as much as orjson
    saved, and a UUID holds "6e-7" as often as not); a text that happens to look like a number (",0.0000") just
    takes the slow path."""
    for mark in _TINY_FLOAT:
        at = out.find(mark)
        while at != -1:
            if _starts_number(out, at):
                return True
            at = out.find(mark, at + 1)
    return False


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def fast_canonical_json(value: Any) -> bytes:
    """:func:`canonical_json` as UTF-8 bytes, for any value without NaN or infinities; raises as it does."""
    try:
        out = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError: a lone surrogate, an integer beyond 64 bits, nesting over 254
        out = None
    if out is None or _has_tiny_float(out):
        return canonical_json(value).encode("utf-8", "surrogatepass")
    return out


def event_body_hash(kind: str, aggregate_id: str, payload: Any, created_at: str) -> str:
    """Hash of what makes an event *the same event*: everything but its id."""
    return body_hash_of(kind, aggregate_id, canonical_json(payload), created_at)


def body_hash_of(kind: str, aggregate_id: str, payload_json: str | bytes, created_at: str) -> str:
    """:func:`event_body_hash` from the payload's :func:`canonical_json` already made (the server serialises each
    payload once; as text, or as the UTF-8 bytes of :func:`fast_canonical_json`): the same bytes, since the four
    keys sort as aggregate_id, created_at, kind, payload."""
    head = {"aggregate_id": aggregate_id, "created_at": created_at, "kind": kind}
    try:
        start = orjson.dumps(head)[:-1]  # texts: the same bytes as json's (a lone surrogate raises)
    except TypeError:
        start = canonical_json(head)[:-1].encode("utf-8", "surrogatepass")
    # surrogatepass: a lone surrogate (which validation then refuses) must not crash the hashing first.
    body = payload_json if isinstance(payload_json, bytes) else payload_json.encode("utf-8", "surrogatepass")
    return hashlib.sha256(start + b',"payload":' + body + b"}").hexdigest()
