"""A log-book value as the lines it prints in its column: a time above its date, else the cleaned text
wrapped to the column's width with the cell font's metrics.

Why a cache per column and book: a month's 20,000 rows repeat the same names, procedures, dates, times and
remarks, so each distinct value of a column is cleaned and wrapped once, and each row then costs one dictionary
look-up per cell. Values that never repeat (codes, addresses, order numbers) are wrapped once anyway; the cache
is dropped with the book, so nothing grows across exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from app.domain.timezone import to_vn
from app.printing.fonts import REGULAR
from app.printing.text import clean
from app.printing.widths import char_widths

Lines = tuple[str, ...]


@lru_cache(maxsize=65536)
def _width(word: str, size: float) -> float:
    """Width of a word in the cell font; cached, since the words of names, places and procedures repeat."""
    return char_widths(REGULAR).of(word, size)


def wrap(text: str, width: float, size: float) -> Lines:
    """``text`` broken into lines no wider than ``width`` points at ``size`` (words longer than a line are cut)."""
    lines: list[str] = []
    space = _width(" ", size)
    for part in text.split("\n"):
        line, used = "", 0.0
        for word in part.split(" "):
            wide = _width(word, size)
            extra = wide + (space if line else 0.0)
            if used + extra <= width:
                line, used = (f"{line} {word}" if line else word), used + extra
                continue
            if line:
                lines.append(line)
            while wide > width and len(word) > 1:
                cut = _cut(word, width, size, wide)
                lines.append(word[:cut])
                word = word[cut:]
                wide = char_widths(REGULAR).of(word, size)
            line, used = word, wide
        lines.append(line)
    return tuple(lines)


def _cut(word: str, width: float, size: float, wide: float) -> int:
    """Where to break a word ``wide`` points wide, wider than a line: after the last hyphen that fits (dossier
    codes break between unit, day and number), else where the width runs out."""
    fits = max(1, int(len(word) * width / wide))
    measure = char_widths(REGULAR).of
    while fits > 1 and measure(word[:fits], size) > width:
        fits -= 1
    hyphen = word.rfind("-", 0, fits)
    return hyphen + 1 if hyphen > 0 else fits


class ColumnLines:
    """The wrapped lines of one column's values (str, int, datetime or None), each distinct value made once.

    Values are keyed as they are, so equal values print alike: a column holds one kind of value (the log book's
    columns do), not 1 in one row and True or 1.0 in another."""

    def __init__(self, width: float, size: float) -> None:
        self.width, self.size = width, size
        self.seen: dict[object, Lines] = {}
        self.get = self.seen.get  # a value seen before: one C call, no Python frame
        self._parts: dict[str, Lines] = {}  # "08:30" and "21/11/2026" recur across every date column

    def __call__(self, value: object) -> Lines:
        try:
            return self.seen[value]
        except KeyError:
            lines = self.seen[value] = self.make(value)
            return lines
        except TypeError:  # not hashable: made each time
            return self.make(value)

    def make(self, value: object) -> Lines:
        """``value``'s lines, without the cache."""
        if isinstance(value, datetime):
            local = to_vn(value)
            return self._part(f"{local.hour:02d}:{local.minute:02d}") + self._part(
                f"{local.day:02d}/{local.month:02d}/{local.year}")
        if value is None:
            return self._part("")
        return wrap(str(value) if type(value) is int else clean(str(value)), self.width, self.size)

    def _part(self, text: str) -> Lines:
        lines = self._parts.get(text)
        if lines is None:
            lines = self._parts[text] = wrap(text, self.width, self.size)
        return lines


def row_lines(columns: Sequence[ColumnLines], values: Sequence[object]) -> list[Lines]:
    """One row's cells, the value of ``values[i]`` in ``columns[i]`` (a cell never has zero lines)."""
    try:
        return [column.get(value) or column(value) for column, value in zip(columns, values, strict=True)]
    except TypeError:  # an unhashable value: the slow way, which makes it without the cache
        return [column(value) for column, value in zip(columns, values, strict=True)]
