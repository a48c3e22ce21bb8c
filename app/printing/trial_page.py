"""The printer test page: proves the connection, the paper size and that every Vietnamese diacritic prints.

Why: the first thing an installer does at a new counter is print a test page; it must show which printer it
went to and the full set of tone marks (a printer or driver that substitutes fonts shows it here, not on a
receipt), and carry a QR code (and on sheets a Code128) so the scanner can be tried on the spot.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, Paragraph, Spacer

from app.printing.barcodes import code128_flowable, qr_drawing
from app.printing.layout import Styles, field, styles_for
from app.printing.pdfdoc import build_pdf, sheet_for
from app.printing.printers import PrinterConfig
from app.printing.roll import build_roll_pdf, roll_for
from app.printing.text import clock, markup

TITLE = "TRANG IN THỬ"
TEST_CODE = "MOTCUA-TEST-0001"
ALPHABET = "A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y"
TONES = (
    "à á ả ã ạ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ è é ẻ ẽ ẹ ề ế ể ễ ệ ì í ỉ ĩ ị ò ó ỏ õ ọ "
    "ồ ố ổ ỗ ộ ờ ớ ở ỡ ợ ù ú ủ ũ ụ ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ"
)


def trial_page_story(config: PrinterConfig, now: datetime, st: Styles, width: float, *, sheet: bool) -> list[Flowable]:
    """What the test page says, for a sheet (with Code128) or a roll (QR only: see ``barcodes``)."""
    story: list[Flowable] = [
        Paragraph(TITLE, st.title),
        Spacer(1, st.body.fontSize),
        field("Máy in", config.name, st),
        field("Kết nối", f"{config.backend} {config.address}".strip(), st),
        field("Khổ giấy", config.paper if not config.is_thermal else f"cuộn {config.paper} mm", st),
        field("Thời gian", clock(now), st),
        Paragraph(markup(ALPHABET), st.body),
        Paragraph(markup(ALPHABET.lower()), st.body),
        Paragraph(markup(TONES), st.body),
        Paragraph(markup("Nguyễn Thị Ngọc Hường – Đặng Quốc Huy – Ủy ban nhân dân xã Hòa An"), st.body),
        Spacer(1, st.body.fontSize),
    ]
    if sheet:
        story.append(code128_flowable(TEST_CODE))
    story += [qr_drawing(TEST_CODE, 24), Paragraph("Nếu đọc rõ mọi dấu ở trên, máy in đã sẵn sàng.", st.body)]
    return story


def render_test_page(config: PrinterConfig, now: datetime) -> bytes:
    """The test page sized for ``config``: a roll page for thermal printers, else the configured sheet."""
    if config.is_thermal:
        roll = roll_for(config.roll_mm, config.dots)
        st = styles_for(8.0 if roll.paper_mm == 58 else 10.0)
        story = trial_page_story(config, now, st, roll.frame_width, sheet=False)
        return build_roll_pdf(story, roll, title=TITLE.capitalize())
    page = sheet_for(config.sheet)
    story = trial_page_story(config, now, styles_for(page.font_size), page.frame_width, sheet=True)
    return build_pdf(story, page, title=TITLE.capitalize())
