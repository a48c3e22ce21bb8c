"""A CCCD QR whose issue date is after today is refused (issue 17): the card cannot exist yet."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.cccd import CccdQr, parse_cccd_qr
from app.domain.errors import ValidationError


def _qr(issued: date) -> str:
    return CccdQr("001085012345", "", "Trần Văn Đức", date(1985, 3, 7), "Nam", "Hà Nội", issued).to_text()


def test_future_issue_date_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        parse_cccd_qr(_qr(date(2026, 11, 17)), date(2026, 11, 16))
    assert err.value.field == "cccd_qr" and "tương lai" in err.value.message("vi")


def test_issued_today_is_accepted() -> None:
    assert parse_cccd_qr(_qr(date(2026, 11, 16)), date(2026, 11, 16)).issue_date == date(2026, 11, 16)
