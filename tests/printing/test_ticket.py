"""Queue tickets: the ESC/POS stream's structure and width, its raster read back, and the PDF form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.printing.errors import PrintInputError
from app.printing.roll import roll_for
from app.printing.thermal import rasterise
from app.printing.ticket import COUNTER_CAPTION, FOLLOW_CAPTION, render_ticket_escpos, render_ticket_pdf
from tests.printing import samples
from tests.printing.escpos_parse import CUT, INIT, raster_blocks, stacked
from tests.printing.tools import pdf_lines, pdf_text, render_png, scan, scan_image


@pytest.mark.parametrize(("width", "dots"), [(58, 384), (80, 576)])
def test_stream_is_init_raster_of_the_head_width_then_cut(width: int, dots: int) -> None:
    stream = render_ticket_escpos(samples.ticket(), width)  # type: ignore[arg-type]
    assert stream.startswith(INIT)
    assert stream.endswith(CUT + b"\x00")
    blocks = raster_blocks(stream)
    assert blocks and all(block.width_px == dots for block in blocks)
    assert all(len(block.data) == dots // 8 * block.height_px for block in blocks)
    height_mm = sum(block.height_px for block in blocks) / 8  # 8 dots per mm at 203 dpi
    assert 60 < height_mm < 200


def test_epson_style_512_dot_head_is_honoured() -> None:
    blocks = raster_blocks(render_ticket_escpos(samples.ticket(), 80, dots=512))
    assert {block.width_px for block in blocks} == {512}


def test_unknown_roll_widths_are_refused() -> None:
    with pytest.raises(PrintInputError):
        render_ticket_escpos(samples.ticket(), 57)  # type: ignore[arg-type]
    with pytest.raises(PrintInputError):
        render_ticket_escpos(samples.ticket(), 80, dots=500)


def test_rasterised_ticket_is_pure_black_and_white_and_exact_width() -> None:
    for width, dots in ((58, 384), (80, 576)):
        image = rasterise(render_ticket_pdf(samples.ticket(), width), roll_for(width))  # type: ignore[arg-type]
        assert image.mode == "1" and image.width == dots


@pytest.mark.slow
@pytest.mark.parametrize("width", [58, 80])
def test_qr_on_the_printed_raster_scans(width: int, tmp_path: Path) -> None:
    stream = render_ticket_escpos(samples.ticket(priority=True), width)  # type: ignore[arg-type]
    image = stacked(raster_blocks(stream))
    assert scan_image(image, tmp_path) == ["QR-Code:https://motcua.example.vn/q/A012"]


@pytest.mark.slow
def test_ticket_pdf_reads_back() -> None:
    pdf = render_ticket_pdf(samples.ticket(priority=True, service_name="Chứng thực bản sao, chữ ký"))
    lines = pdf_lines(pdf)
    assert "A012" in lines
    assert "ƯU TIÊN" in lines
    assert "A – Chứng thực bản sao, chữ ký" in " ".join(lines)
    assert "Trước bạn còn: 5 người" in lines
    assert "Dự kiến chờ: 15 phút" in lines
    assert "Lấy số lúc 08:30 21/11/2026" in lines
    assert b"/MediaBox [ 0 0 164.4094 " in pdf  # 58 mm wide


def test_ticket_without_qr_or_estimate_is_shorter() -> None:
    full = raster_blocks(render_ticket_escpos(samples.ticket()))
    bare = raster_blocks(render_ticket_escpos(samples.ticket(qr_payload="", wait_minutes=None)))
    assert sum(b.height_px for b in bare) < sum(b.height_px for b in full)


@pytest.mark.slow
def test_the_office_ticket_qr_says_what_it_holds(ctx: Any, tmp_path: Path) -> None:
    """The ticket the kiosk prints: its QR holds the counter's key (found again by scanning it at the counter), and
    its words say so; "theo dõi" (follow) is promised only for a web address."""
    from app.services import print_data
    from app.services.queue import find_ticket, issue_ticket

    issued = issue_ticket(ctx, "A")
    pdf = render_ticket_pdf(print_data.ticket(ctx, issued.ticket.number))
    flat = " ".join(pdf_text(pdf).split())
    assert COUNTER_CAPTION in flat and FOLLOW_CAPTION not in flat
    [scanned] = scan(*render_png(pdf, tmp_path))
    payload = scanned.removeprefix("QR-Code:")
    assert payload == issued.qr and find_ticket(ctx, payload).id == issued.ticket.id
    web = render_ticket_pdf(samples.ticket(qr_payload="https://motcua.example.vn/q/A012"))
    assert FOLLOW_CAPTION in " ".join(pdf_text(web).split())
