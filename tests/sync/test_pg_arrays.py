"""The bulk insert's packed arrays store what psycopg's own list adaptation stores, value for value.

Against a real PostgreSQL: each column goes through the same ``unnest`` statement twice, once as a plain list
(psycopg's dumper) and once as the packed column, and the rows read back must be equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from sync.server import pg_arrays
from sync.server.db import Database
from tests.sync.pgserver import TempPostgres

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

TEXTS = ["Nguyễn Thị Hồng Nhung", "", None, "a\\b\"c'd", "{\"k\":[1,2]}", "𝔘 emoji 🙂", " ", "NULL"]
COLUMNS: list[tuple[str, list[Any]]] = [
    ("text", TEXTS),
    ("text", [None, None, None]),
    ("text", ["only"]),
    ("integer", [1, -1, 0, 2**31 - 1, -(2**31), None]),
    ("bigint", [2**63 - 1, -(2**63), 0, None, 86_400_000]),
    ("bigint", [None]),
]


@pytest.fixture
def conn(postgres: TempPostgres) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(postgres.new_database()) as c:
        pg_arrays.register(c)
        yield c


@pytest.mark.parametrize(("kind", "values"), COLUMNS)
def test_a_packed_column_reads_back_as_psycopgs_own(
    conn: psycopg.Connection[Any], kind: str, values: list[Any]
) -> None:
    sql = f"SELECT v FROM unnest(%b::{kind}[]) WITH ORDINALITY AS u(v, n) ORDER BY n"
    packed = pg_arrays.column(kind, values)
    assert type(packed) is not list  # the packed path, not psycopg's
    own = [r[0] for r in conn.execute(sql, [list(values)]).fetchall()]
    ours = [r[0] for r in conn.execute(sql, [packed]).fetchall()]
    assert ours == own == values


def test_an_empty_column_and_an_out_of_range_integer(conn: psycopg.Connection[Any]) -> None:
    assert conn.execute("SELECT cardinality(%b::text[])", [pg_arrays.column("text", [])]).fetchone() == (0,)
    with pytest.raises(Exception):  # noqa: B017 - struct.error; never stored truncated
        conn.execute("SELECT %b::integer[]", [pg_arrays.column("integer", [2**31])])


def test_insert_many_stores_the_rows_through_the_packed_columns(postgres: TempPostgres) -> None:
    db = Database(postgres.new_database(), pool_size=1)
    try:
        with db.transaction() as tx:
            tx.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, big BIGINT, note TEXT)")
            rows = [("a", 1, None, "Hà Nội"), ("b", None, 2**40, None), ("c", 3, -5, "")]
            columns = [("id", "text"), ("n", "integer"), ("big", "bigint"), ("note", "text")]
            got = tx.insert_many("t", columns, rows, "ON CONFLICT DO NOTHING RETURNING id")
            assert sorted(r["id"] for r in got) == ["a", "b", "c"]
            again = tx.insert_many("t", columns, rows[:1], "ON CONFLICT DO NOTHING RETURNING id")
            assert again == []
            stored = tx.all("SELECT id, n, big, note FROM t ORDER BY id")
        assert [tuple(r.values()) for r in stored] == rows
    finally:
        db.close()
