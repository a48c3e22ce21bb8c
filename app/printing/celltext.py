"""Many short lines of text in one font straight into a page's content stream, each string encoded once.

Why: a month's log book draws about half a million cell lines. Through reportlab's text object each line
is split into font subsets and escaped again (two thirds of the time of a page); but the same strings come
back all month (names, procedures, dates, times, "Trước hạn"), so the encoded operators of each distinct
string are kept for the whole document. The output is plain PDF text (BT … Tj … ET) that pdftotext reads.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas


class CellText:
    """Encodes and places lines of ``font_name`` at ``size``; one instance per document (the cache)."""

    def __init__(self, font_name: str, size: float) -> None:
        self.font = getFont(font_name)
        self.size = fp_str(size)
        self._encoded: dict[str, list[tuple[str, str]]] = {}
        self._moves: dict[tuple[float, float], str] = {}  # the pages repeat the same columns and line heights

    def _parts(self, canvas: Canvas, line: str) -> list[tuple[str, str]]:
        parts = self._encoded.get(line)
        if parts is None:
            doc = canvas._doc  # the subsets are numbered per document
            parts = [
                (self.font.getSubsetInternalName(subset, doc), escapePDF(chunk))
                for subset, chunk in self.font.splitString(line, doc)
            ]
            self._encoded[line] = parts
        return parts

    def draw(self, canvas: Canvas, placed: list[tuple[float, float, str]]) -> None:
        """Draw each (x, y, line) in the current fill colour, as one text block."""
        code = ["BT"]
        current = ""
        moves = self._moves
        for x, y, line in placed:
            move = moves.get((x, y))
            if move is None:
                move = moves[(x, y)] = f"1 0 0 1 {fp_str(x)} {fp_str(y)} Tm"
            code.append(move)
            for name, escaped in self._parts(canvas, line):
                if name != current:
                    code.append(f"{name} {self.size} Tf")
                    current = name
                code.append(f"({escaped}) Tj")
        code.append("ET")
        canvas.addLiteral("\n".join(code))
