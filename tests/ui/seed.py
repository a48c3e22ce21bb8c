"""A handful of dossiers in every state the list filters tell apart, around the fixed "now" (Mon 16/11 09:00)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.status import Status
from app.domain.timezone import VN_TZ
from app.services.receive import ReceiveInput, receive_dossier
from app.services.status_change import change_status
from tests.conftest import FIXED_NOW

# name -> (procedure, received at, ID number, phone, moves after receiving)
PEOPLE: dict[str, tuple[str, str, str, str, tuple[Status, ...]]] = {
    "Nguyễn Văn Mạnh": ("1.001193", "2026-11-16T08:00", "001090011111", "0912000001", ()),
    "Đặng Thị Hoa": ("1.004873", "2026-11-09T08:30", "001190022222", "0912000002", (Status.PROCESSING,)),
    "Lê Văn Sơn": ("1.004837", "2026-11-12T10:00", "001090033333", "0912000003", (Status.SUPPLEMENT,)),
    "Trần Thị Yến": ("1.001022", "2026-11-10T14:00", "001190044444", "0912000004",
                     (Status.PROCESSING, Status.PROCESSED)),
    "Hồ Quang Tuấn": ("1.004873", "2026-11-05T09:00", "001090055555", "0912000005",
                      (Status.PROCESSING, Status.PROCESSED, Status.RETURNED)),
}


def seed(ctx: Any) -> dict[str, str]:
    """Receive the dossiers above (back-dated) and move them along; returns name -> dossier code."""
    codes: dict[str, str] = {}
    for name, (procedure, at, id_number, phone, moves) in PEOPLE.items():
        when = datetime.fromisoformat(at).replace(tzinfo=VN_TZ)
        ctx.clock.current = when
        result = receive_dossier(ctx, ReceiveInput(procedure, name, id_number, phone=phone))
        for target in moves:
            ctx.clock.advance(hours=1)
            change_status(ctx, result.code, target, "Thiếu giấy tờ" if target is Status.SUPPLEMENT else None)
        codes[name] = result.code
    ctx.clock.current = FIXED_NOW
    return codes
