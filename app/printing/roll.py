"""Receipt-roll paper (58 mm and 80 mm) and PDFs whose page is exactly as long as their content.

Why: a queue ticket is laid out with the same reportlab machinery as the forms, so one layout serves the PDF
preview, an office printer and the thermal rasteriser. A roll has no page length, so the page is made as
tall as the story; the side margins are the paper the print head cannot reach, and the rasteriser crops them
off so the printable width maps to the head's dots (384 on 58 mm, 576 on most 80 mm heads, 512 on 180-dpi
Epson models).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame

from app.printing.errors import PrintInputError
from app.printing.fonts import register_fonts
from app.printing.pdfdoc import render

END_MARGIN_MM = 3.0  # blank paper above and below the content
PAD = 1 * mm  # keeps glyphs off the very first and last dot of the head


@dataclass(frozen=True)
class Roll:
    """One roll width: paper width, what the head can print, and its dots across."""

    paper_mm: int
    printable_mm: float
    dots: int

    @property
    def side_margin(self) -> float:
        """Unprintable strip on each side, in points."""
        return (self.paper_mm - self.printable_mm) / 2 * mm

    @property
    def frame_width(self) -> float:
        """Width the story is laid out in: the printable width less a small inner padding."""
        return self.printable_mm * mm - 2 * PAD


ROLLS: dict[int, Roll] = {58: Roll(58, 48.0, 384), 80: Roll(80, 72.0, 576)}


def roll_for(width_mm: int, dots: int | None = None) -> Roll:
    """The :class:`Roll` for 58 or 80 mm paper; ``dots`` overrides the head width for unusual printers."""
    try:
        roll = ROLLS[int(width_mm)]
    except (KeyError, ValueError):
        raise PrintInputError(
            "paper", f"khổ giấy cuộn {width_mm} mm không hỗ trợ (58, 80)", "roll width must be 58 or 80 mm"
        ) from None
    if dots is None:
        return roll
    if not 256 <= dots <= 640 or dots % 8:
        raise PrintInputError(
            "paper", "số điểm in phải là bội của 8 từ 256 đến 640", "dots must be a multiple of 8, 256–640"
        )
    return Roll(roll.paper_mm, roll.printable_mm, dots)


def story_height(story: Sequence[Flowable], width: float) -> float:
    """Height the story takes in a frame ``width`` wide (spaces included), to size the roll page."""
    total = 0.0
    for flowable in story:
        _, height = flowable.wrap(width, 10_000)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def build_roll_pdf(story: Sequence[Flowable], roll: Roll, *, title: str) -> bytes:
    """One roll page as long as ``story`` needs."""
    register_fonts()  # before measuring: the story's widths depend on the font
    end = END_MARGIN_MM * mm
    height = story_height(story, roll.frame_width) + 2 * end + 2 * mm  # 2 mm slack for rounding in platypus
    frame = Frame(roll.side_margin, end, roll.printable_mm * mm, height - 2 * end, PAD, 0, PAD, 0)
    return render(story, (roll.paper_mm * mm, height), frame, title=title)
