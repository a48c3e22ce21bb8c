"""Paper sizes and the one function that turns a list of flowables into PDF bytes.

Why: every document shares the same guarantees (DejaVu registered and embedded, byte-identical output for
the same input, and "page x/y" plus the dossier code on every page once a table runs on to a second sheet,
so loose pages can be put back together). Keeping them here means each layout only builds its story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate

from app.printing.errors import PrintInputError
from app.printing.fonts import REGULAR, register_fonts


@dataclass(frozen=True)
class Sheet:
    """A paper size with the margin and base font size that suit it."""

    name: str
    width: float
    height: float
    margin: float
    font_size: float

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def frame_height(self) -> float:
        return self.height - self.margin - self._bottom

    @property
    def _bottom(self) -> float:
        return self.margin + 2 * mm  # room for the page footer


SHEETS: dict[str, Sheet] = {
    "a5": Sheet("a5", A5[0], A5[1], margin=8 * mm, font_size=8.5),
    "a4": Sheet("a4", A4[0], A4[1], margin=15 * mm, font_size=10.5),
}


def sheet_for(paper: str) -> Sheet:
    """The :class:`Sheet` for "a5" or "a4"; anything else is refused with a clear message."""
    try:
        return SHEETS[paper.lower()]
    except KeyError:
        raise PrintInputError(
            "paper", f"khổ giấy «{paper}» không hỗ trợ (a5, a4)", f"unknown paper '{paper}'"
        ) from None


def _canvas_class(footer: str, font_size: float) -> type[Canvas]:
    """A canvas that, when a document has more than one page, stamps each with ``footer`` and "Trang x/y"."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                if total > 1:
                    self.setFont(REGULAR, font_size)
                    text = f"{footer} · Trang {self._pageNumber}/{total}".lstrip(" ·")
                    self.drawCentredString(self._pagesize[0] / 2, 5 * mm, text)
                super().showPage()
            super().save()

    return FooterCanvas


def render(
    story: Sequence[Flowable],
    pagesize: tuple[float, float],
    frame: Frame,
    *,
    title: str,
    canvasmaker: type[Canvas] = Canvas,
) -> bytes:
    """Lay ``story`` out in ``frame`` on pages of ``pagesize``; same input, same bytes (invariant mode).

    The canvas starts in DejaVu too, so no PDF ever references (unembedded) Helvetica.
    """
    register_fonts()
    out = BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        title=title,
        author="MotCua",
        creator="MotCua",
        invariant=True,
        initialFontName=REGULAR,
    )
    doc.addPageTemplates([PageTemplate("page", [frame])])
    doc.build(list(story), canvasmaker=canvasmaker)
    return out.getvalue()


def build_pdf(story: Sequence[Flowable], sheet: Sheet, *, title: str, footer: str = "") -> bytes:
    """Lay ``story`` out on ``sheet`` with the page footer of multi-page documents."""
    # Zero frame padding: a table as wide as ``sheet.frame_width`` lines up with the paragraphs above it.
    frame = Frame(sheet.margin, sheet._bottom, sheet.frame_width, sheet.frame_height, 0, 0, 0, 0)
    canvas = _canvas_class(footer, sheet.font_size - 2)
    return render(story, (sheet.width, sheet.height), frame, title=title, canvasmaker=canvas)


def fits_one_sheet(story: Sequence[Flowable], sheet: Sheet) -> bool:
    """True when ``story`` laid out in one column fits one ``sheet`` (a layout may then try a smaller font)."""
    register_fonts()
    canvas = Canvas(BytesIO(), pagesize=(sheet.width, sheet.height))  # to measure on, never saved
    return _height(story, canvas, sheet.frame_width) <= sheet.frame_height

def _unkept(story: Sequence[Flowable]) -> list[Flowable]:
    """A KeepTogether's content in its place (its own height is "more than any page", so that it moves whole)."""
    flat: list[Flowable] = []
    for flowable in story:
        inner = getattr(flowable, "_content", None) if isinstance(flowable, KeepTogether) else None
        flat += _unkept(inner) if inner is not None else [flowable]
    return flat


def _height(story: Sequence[Flowable], canvas: Canvas, width: float) -> float:
    """The height ``story`` takes laid out in one column of ``width``. A KeepTogether answers "more than any page"
    on purpose (so that it moves whole to the next page), so its content is measured instead."""
    return sum(f.wrapOn(canvas, width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in _unkept(story))
