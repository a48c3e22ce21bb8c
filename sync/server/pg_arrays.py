"""Columns of a bulk insert sent to PostgreSQL as binary arrays, built in one pass per column.

Why: a push's rows go in as one ``INSERT … SELECT * FROM unnest(array, …)`` per table (:meth:`Tx.insert_many`),
about thirty arrays per push of ten dossiers. psycopg's generic list dumper looks up a dumper, the dimensions
and the element type for every list and walks it element by element in Python: it was the largest single
piece of the server's CPU in the push path (a quarter of the worker thread's time under cProfile with a CPU
clock, issue 18 item 13). Our columns are flat lists of one known type (text, integer or bigint, with NULLs),
so their wire form (PostgreSQL's ``array_recv``: dimensions, then each element's length and bytes) is packed
here directly. The values PostgreSQL stores are the same; ``tests/sync/test_pg_arrays.py`` checks them
against psycopg's own path.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

from psycopg.adapt import Dumper
from psycopg.pq import Format

_HEAD = struct.Struct(">iiiii")  # ndim, has-null flag, element type, length of the one dimension, lower bound
_LENGTH = struct.Struct(">i")
_NULL = _LENGTH.pack(-1)
TEXT_OID, INT4_OID, INT8_OID = 25, 23, 20


class TextColumn(list[str | None]):
    """A column of texts (or NULLs) for a ``%b::text[]`` placeholder."""


class Int4Column(list[int | None]):
    """A column of 32-bit integers (or NULLs) for a ``%b::integer[]`` placeholder."""


class Int8Column(list[int | None]):
    """A column of 64-bit integers (or NULLs) for a ``%b::bigint[]`` placeholder."""


def _head(element_oid: int, items: Sequence[Any]) -> bytes:
    if not items:
        return struct.pack(">iii", 0, 0, element_oid)
    return _HEAD.pack(1, int(None in items), element_oid, len(items), 1)


def text_array(items: Sequence[str | None], encoding: str = "utf-8") -> bytes:
    # One comprehension, no call per element: a push packs about 250 texts (measured a third faster).
    pack = _LENGTH.pack
    return _head(TEXT_OID, items) + b"".join(
        [_NULL if item is None else pack(len(data := item.encode(encoding))) + data for item in items]
    )


_INT4, _INT8 = struct.Struct(">ii"), struct.Struct(">iq")  # the element's length, then the value


def int_array(items: Sequence[int | None], size: int) -> bytes:
    """``size`` 4 or 8 bytes per element; a value out of range raises (as psycopg's dumper would)."""
    oid, pack = (INT4_OID, _INT4.pack) if size == 4 else (INT8_OID, _INT8.pack)
    return _head(oid, items) + b"".join([_NULL if item is None else pack(size, item) for item in items])


class _TextArrayDumper(Dumper):
    format = Format.BINARY
    oid = 1009  # text[]

    def __init__(self, cls: type, context: Any = None) -> None:
        super().__init__(cls, context)
        connection = getattr(context, "connection", None)
        self._encoding = connection.info.encoding if connection is not None else "utf-8"

    def dump(self, obj: Any) -> bytes:
        return text_array(obj, self._encoding)


class _Int4ArrayDumper(Dumper):
    format = Format.BINARY
    oid = 1007  # integer[]

    def dump(self, obj: Any) -> bytes:
        return int_array(obj, 4)


class _Int8ArrayDumper(Dumper):
    format = Format.BINARY
    oid = 1016  # bigint[]

    def dump(self, obj: Any) -> bytes:
        return int_array(obj, 8)


COLUMN_TYPES: dict[str, type[list[Any]]] = {"text": TextColumn, "integer": Int4Column, "bigint": Int8Column}


def register(connection: Any) -> None:
    """Teach a psycopg connection the column types (once, when it is opened)."""
    adapters = connection.adapters
    adapters.register_dumper(TextColumn, _TextArrayDumper)
    adapters.register_dumper(Int4Column, _Int4ArrayDumper)
    adapters.register_dumper(Int8Column, _Int8ArrayDumper)


def column(kind: str, values: Sequence[Any]) -> list[Any]:
    """``values`` as the column type for SQL type ``kind``; a plain list (psycopg's own dumper) for other types."""
    return COLUMN_TYPES.get(kind, list)(values)
