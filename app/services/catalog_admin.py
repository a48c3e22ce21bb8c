"""Office-level catalogue changes: fee amounts that the province sets (the catalogue leaves them empty)."""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.services.changes import Changes
from app.services.clock import iso
from app.services.context import ServiceContext
from app.store import audit, catalog


def set_office_fee(ctx: ServiceContext, code: str, amount_vnd: int | None) -> Changes:
    if amount_vnd is not None and not 0 <= amount_vnd <= 100_000_000:
        raise ValidationError("fee", "lệ phí phải từ 0 đến 100.000.000 đ", "fee must be 0–100,000,000 VND")
    now = iso(ctx.clock.now())
    with ctx.store.transaction():
        catalog.set_fee(ctx.store, code, amount_vnd)
        audit.append(
            ctx.store,
            at=now,
            actor=ctx.actor.username,
            action="catalog.set_fee",
            object_type="procedure",
            object_id=code,
            detail={"fee_amount_vnd": amount_vnd},
        )
    return Changes(catalog=True)
