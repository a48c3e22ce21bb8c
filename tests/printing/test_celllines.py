"""A log-book value's lines: the same whether made fresh or taken from the column's cache, times in Vietnam
time above their dates, long words cut after a hyphen, and odd values (unhashable, None) printed, not crashed."""

from __future__ import annotations

from datetime import UTC, datetime

from app.printing.celllines import ColumnLines, row_lines, wrap
from app.printing.fonts import register_fonts


def column(width: float = 60.0) -> ColumnLines:
    register_fonts()
    return ColumnLines(width, 7.0)


def test_a_time_in_any_zone_prints_in_vietnam_time_above_its_date() -> None:
    dates = column()
    assert dates(datetime(2026, 11, 16, 1, 5, tzinfo=UTC)) == ("08:05", "16/11/2026")
    assert dates(datetime.fromisoformat("2026-11-16T08:05:00+07:00")) == ("08:05", "16/11/2026")  # same instant
    assert dates(datetime(2026, 11, 16, 23, 59)) == ("23:59", "16/11/2026")  # naive: Vietnam wall-clock already
    assert dates(datetime(2026, 11, 16, 17, 30, tzinfo=UTC)) == ("00:30", "17/11/2026")  # the next day in Vietnam


def test_cached_cells_equal_fresh_ones_and_odd_values_print() -> None:
    cols = [column(20.0), column(90.0), column()]
    values = [12345, "  Nguyễn   Văn\tMạnh ", None]
    first = row_lines(cols, values)
    assert row_lines(cols, values) == first == [c.make(v) for c, v in zip(cols, values, strict=True)]
    assert first[1] == ("Nguyễn Văn Mạnh",) and first[2] == ("",)
    assert "".join(first[0]) == "12345" and len(first[0]) == 2  # an order number wider than its column is cut
    assert row_lines(cols, [1, ["a", "b"], "x"])[1] == ("['a', 'b']",)  # unhashable: made without the cache


def test_a_long_code_breaks_after_a_hyphen_and_every_line_fits() -> None:
    register_fonts()  # alone on a test worker, nothing else has registered the font yet
    lines = wrap("000.00.12.H62-261102-0001", 70.0, 7.0)
    assert "".join(lines) == "000.00.12.H62-261102-0001"
    assert all(line.endswith("-") for line in lines[:-1])
