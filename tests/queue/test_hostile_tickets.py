"""Hostile queue tickets: a crowded day, when the estimated wait passes a whole day.

What was found: the ticket refused a wait over 1,440 minutes ("Thời gian chờ dự kiến: phải là số nguyên từ 0
đến 1440"), so from the 290th citizen waiting for one service at one counter (5 minutes each by default) the
kiosk issued a number and printed nothing. The ticket now says "hơn 24 giờ", on paper and on the thermal roll.
"""

from __future__ import annotations

import pytest

from app.printing.model import MAX_WAIT_MINUTES
from app.printing.ticket import render_ticket_escpos, render_ticket_pdf
from app.services import print_data
from app.services.context import ServiceContext
from app.services.queue import issue_ticket
from tests.printing.escpos_parse import raster_blocks, stacked
from tests.printing.tools import pdf_lines


@pytest.fixture
def crowded(ctx: ServiceContext) -> ServiceContext:
    for _ in range(290):  # 289 ahead of the last at 300 s each, one counter: 1,445 minutes
        result = issue_ticket(ctx, "A", source="kiosk")
    assert result.ticket.number == "A290" and result.wait_minutes > MAX_WAIT_MINUTES
    return ctx


def test_a_wait_past_a_day_prints_as_more_than_24_hours(crowded: ServiceContext) -> None:
    data = print_data.ticket(crowded, "A290")
    assert data.wait_minutes == MAX_WAIT_MINUTES and data.people_ahead == 289
    lines = pdf_lines(render_ticket_pdf(data))
    assert "Dự kiến chờ: hơn 24 giờ" in lines and "Trước bạn còn: 289 người" in lines
    for width in (58, 80):
        assert stacked(raster_blocks(render_ticket_escpos(data, width))).height > 0  # type: ignore[arg-type]


def test_the_kiosk_path_prints_too_and_a_short_wait_keeps_its_minutes(crowded: ServiceContext) -> None:
    issued = print_data.issued_ticket(crowded, issue_ticket(crowded, "A", source="kiosk"))
    assert "Dự kiến chờ: hơn 24 giờ" in pdf_lines(render_ticket_pdf(issued))
    first = print_data.ticket(crowded, "A001")
    assert "Dự kiến chờ: 0 phút" in pdf_lines(render_ticket_pdf(first))
