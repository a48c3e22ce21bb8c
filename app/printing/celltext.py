"""Many short lines of text in one font straight into a page's content stream, each string encoded once.

Why: a month's log book draws about half a million cell lines. Through reportlab's text object each line
is split into font subsets and escaped again (two thirds of the time of a page); but the same strings come
back all month (names, procedures, dates, times, "Trước hạn"), so each distinct cell (its lines, already
moved one under the other with relative ``Td`` steps) is encoded once per document and column, and each
character is split into its font subset once (reportlab's own ``splitString`` assigns it; its per-line loop is
the cost). A line whose characters all sit in the first subset (nearly every Vietnamese line) is then encoded
by one ``str.translate``; only a new character or another subset takes the per-character path, in reading
order, so the bytes are what that path alone would give. A cell then costs one placement (``Tm``) and its
cached operators. The output is plain PDF text (BT … Tj … ET) that pdftotext reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from app.printing.widths import char_widths

# a cell's encoding: offset of its first line from the column's text start, the subset font its first line
# starts in, its operators after that font's Tf, the subset font it ends in; None: nothing drawn
Block = tuple[float, str, str, str] | None
# a table column: where its text starts, and its width when its lines are centred (None: left-aligned)
ColumnAt = tuple[float, float | None]
_UNSEEN = "\x80"  # what an ASCII character not yet split translates to: not ASCII, so the line takes the slow path


class CellText:
    """Encodes and places cells of ``font_name`` at ``size``, lines ``leading`` apart; one instance per
    document (the caches hold that document's font subsets; another document starts them again)."""

    def __init__(self, font_name: str, size: float, leading: float | None = None) -> None:
        self.font = getFont(font_name)
        self.widths = char_widths(font_name)
        self.size_pt = size
        self.size = fp_str(size)
        self.step = f"0 {fp_str(-(leading if leading is not None else size * 1.2))} Td"
        self._doc: object = None
        self._chars: dict[str, tuple[str, str]] = {}  # character -> (subset font name, escaped byte)
        self._first: str | None = None  # the first subset's font name, once a character has landed in it
        self._table: dict[int, str] = {}  # code point -> escaped byte, for the first subset's characters
        self._lines: dict[str, tuple[tuple[str, str], ...]] = {}
        self._blocks: dict[float | None, dict[tuple[str, ...], Block]] = {}  # by centring width

    def _same_document(self, canvas: Canvas) -> None:
        if canvas._doc is not self._doc:  # the subsets are numbered per document
            self._doc = canvas._doc
            self._chars.clear()
            self._lines.clear()
            self._blocks.clear()
            self._first = None
            self._table = dict.fromkeys(range(128), _UNSEEN)

    def _runs(self, line: str) -> tuple[tuple[str, str], ...]:
        """``line`` as (subset font name, ``(text) Tj``) runs, in order; cached, since lines repeat all month."""
        runs = self._lines.get(line)
        if runs is not None:
            return runs
        coded = line.translate(self._table)
        if coded.isascii() and self._first is not None:  # every character known and in the first subset
            runs = self._lines[line] = ((self._first, f"({coded}) Tj"),)
            return runs
        chars = self._chars
        for ch in dict.fromkeys(line):  # in reading order, so the same input gives the same bytes
            if ch not in chars:
                [(subset, byte)] = self.font.splitString(ch, self._doc)
                name, escaped = chars[ch] = (self.font.getSubsetInternalName(subset, self._doc), escapePDF(byte))
                if subset == 0:
                    self._first = name
                    self._table[ord(ch)] = escaped
        grouped: list[tuple[str, str]] = []
        for name, byte in map(chars.__getitem__, line):
            if grouped and grouped[-1][0] == name:
                grouped[-1] = (name, grouped[-1][1] + byte)
            else:
                grouped.append((name, byte))
        runs = self._lines[line] = tuple((name, f"({text}) Tj") for name, text in grouped)
        return runs

    def _block(self, lines: tuple[str, ...], centre: float | None) -> Block:
        if centre is None and lines and all(lines):  # most cells: left-aligned lines in one subset
            runs = [self._runs(line) for line in lines]
            name = runs[0][0][0]
            if all(len(line_runs) == 1 and line_runs[0][0] == name for line_runs in runs):
                return (0.0, name, f"\n{self.step}\n".join(r[0][1] for r in runs), name)
        offsets = [0.0] * len(lines)
        if centre is not None:
            offsets = [(centre - self.widths.of(line, self.size_pt)) / 2 for line in lines]
        code: list[str] = []
        first: str | None = None
        current: str | None = None
        for k, line in enumerate(lines):
            if k:
                dx = offsets[k] - offsets[k - 1]
                code.append(f"{fp_str(dx)} {self.step[2:]}" if dx else self.step)
            for name, shown in self._runs(line) if line else ():
                if first is None:
                    first = current = name
                elif name != current:
                    code.append(f"{name} {self.size} Tf")
                    current = name
                code.append(shown)
        if first is None or current is None:
            return None
        return (offsets[0], first, "\n".join(code), current)

    def draw_rows(self, canvas: Canvas, columns: Sequence[ColumnAt],
                  rows: Iterable[tuple[float, Sequence[tuple[str, ...]]]]) -> None:
        """Draw a table's cell text in the current fill colour, as one text block: each row is the baseline of
        its first line and one tuple of lines per column."""
        self._same_document(canvas)
        # left-aligned columns start every cell at the same x; a centred one moves each cell by its offset
        places = [(self._blocks.setdefault(centre, {}), centre,
                   f"1 0 0 1 {fp_str(left)} " if centre is None else "", left) for left, centre in columns]
        size = self.size
        code = ["BT"]
        current: str | None = None
        for y, cells in rows:
            ystr = fp_str(y)
            for (blocks, centre, fixed, left), lines in zip(places, cells, strict=True):
                try:
                    block = blocks[lines]
                except KeyError:
                    block = blocks[lines] = self._block(lines, centre)
                if block is None:
                    continue
                dx, first, body, last = block
                at = fixed or f"1 0 0 1 {fp_str(left + dx)} "
                if first == current:
                    code.append(f"{at}{ystr} Tm\n{body}")
                else:
                    code.append(f"{at}{ystr} Tm\n{first} {size} Tf\n{body}")
                current = last
        code.append("ET")
        canvas.addLiteral("\n".join(code))
