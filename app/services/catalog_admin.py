"""Office-level catalogue changes: fee amounts that the province sets (the catalogue leaves them empty)."""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.services.audited import audited
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.roles import require_role
from app.store import catalog


def set_office_fee(ctx: ServiceContext, code: str, amount_vnd: int | None) -> Changes:
    require_role(ctx.actor, "supervisor", "đặt lệ phí", "set fees")
    if amount_vnd is not None and not 0 <= amount_vnd <= 100_000_000:
        raise ValidationError("fee", "lệ phí phải từ 0 đến 100.000.000 đ", "fee must be 0–100,000,000 VND")
    with audited(ctx, "catalog.set_fee", "procedure", code, {"fee_amount_vnd": amount_vnd}):
        catalog.set_fee(ctx.store, code, amount_vnd)
    return Changes(catalog=True)
