"""The office recovery sheet: the recovery key as letters and as a QR code, one A4 page for the supervisor's drawer.

Printed once at set-up. Whoever holds this page can open every backup of this office: it says so on the page.
The QR carries exactly the letters, so a scanner at the new PC types what a person would.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Paragraph, Spacer

from app.printing.barcodes import qr_drawing
from app.printing.layout import field, styles_for
from app.printing.pdfdoc import build_pdf, sheet_for
from app.printing.text import clock, markup

TITLE = "KHÓA KHÔI PHỤC DỮ LIỆU"


def render_recovery_sheet(recovery_key: str, office_code: str, office_name: str, when: datetime) -> bytes:
    """One A4 page: office, date, the key in groups (large, monospaced) and its QR code."""
    page = sheet_for("a4")
    st = styles_for(page.font_size)
    groups = recovery_key.split("-")
    lines = [" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    key_style = st.title.clone("recoveryKey", fontName="Courier-Bold", fontSize=16, leading=24)
    story = [
        Paragraph(TITLE, st.title),
        Spacer(1, st.body.fontSize),
        field("Đơn vị", f"{office_name} ({office_code})", st),
        field("Lập lúc", clock(when), st),
        Spacer(1, st.body.fontSize),
        *[Paragraph(line, key_style) for line in lines],
        Spacer(1, st.body.fontSize),
        qr_drawing(recovery_key, 45),
        Spacer(1, st.body.fontSize),
        Paragraph(
            markup(
                "Khóa này mở được mọi bản sao lưu dữ liệu của đơn vị khi máy cũ hỏng hoặc mất (lệnh: motcua restore "
                "TỆP --recovery-key-file TỆP_KHÓA). Cất tờ giấy trong tủ có khóa; không chụp ảnh, không gửi qua "
                "mạng. Ai cầm tờ này đọc được dữ liệu cá nhân của công dân trong các bản sao lưu."
            ),
            st.body,
        ),
        Paragraph(
            markup(
                "Recovery key: opens this office's backups on a new PC. Keep this page locked away; whoever holds "
                "it can read the citizens' personal data in the backups."
            ),
            st.small,
        ),
    ]
    return build_pdf(story, page, title=TITLE.capitalize())
