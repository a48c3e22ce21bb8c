"""The search index's segments, level by level, read from FTS5's structure record.

Why: whether a merge can stall a transaction depends on how many segments each level holds and whether a merge
is under way on it (FTS5 finishes those inside a transaction only at ``crisismerge``, see
:mod:`app.store.schema_index_merge`). FTS5 shows this only in debug builds, so the record (row 10 of the
``_data`` table, documented in SQLite's ``fts5_index.c``) is decoded here, for tests and bench/ to watch it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: bench/bench_receive.py loads this file beside another checkout's code
    from app.store.driver import Connection

STRUCTURE_ROWID = 10
_V2 = b"\xff\x00\x00\x01"  # a structure record of FTS5's second layout (five more numbers a segment)


@dataclass(frozen=True)
class Level:
    merging: int  # segments taking part in a merge under way (0: none)
    pages: tuple[int, ...]  # leaf pages of each segment, oldest first


def _varint(data: bytes, i: int) -> tuple[int, int]:
    """SQLite's varint (big-endian, seven bits a byte, the ninth byte whole): (value, next offset)."""
    value = 0
    for k in range(8):
        byte = data[i + k]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, i + k + 1
    return (value << 8) | data[i + 8], i + 9


def decode(data: bytes) -> list[Level]:
    i = 4  # the cookie
    v2 = data[4:8] == _V2
    if v2:
        i += 4
    levels_n, i = _varint(data, i)
    _segments, i = _varint(data, i)
    _writes, i = _varint(data, i)
    levels = []
    for _ in range(levels_n):
        merging, i = _varint(data, i)
        count, i = _varint(data, i)
        pages = []
        for _ in range(count):
            _segid, i = _varint(data, i)
            first, i = _varint(data, i)
            last, i = _varint(data, i)
            for _ in range(5 if v2 else 0):  # origins, tombstone pages and entries, entries
                _, i = _varint(data, i)
            pages.append(last - first + 1)
        levels.append(Level(merging, tuple(pages)))
    return levels


def levels(conn: Connection, table: str = "dossier_search") -> list[Level]:
    row = conn.execute(f"SELECT block FROM {table}_data WHERE id = ?", (STRUCTURE_ROWID,)).fetchone()
    return decode(bytes(row[0])) if row else []


def describe(found: list[Level]) -> str:
    """One line: each level's segment count, pages and merge under way, e.g. ``L0 4 seg 25305 p (merging 4)``."""
    parts = [
        f"L{n} {len(lv.pages)} seg {sum(lv.pages)} p" + (f" (merging {lv.merging})" if lv.merging else "")
        for n, lv in enumerate(found)
        if lv.pages
    ]
    return "; ".join(parts) or "empty"
