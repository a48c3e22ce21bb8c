"""Showing the office recovery key: once at set-up, and again only to an admin, each time in the audit log.

The recovery key is the store key written for people (:mod:`app.security.recovery`); whoever has it can open
every backup of this office. So ``init`` shows it the first time only, and ``motcua recovery-key`` (an admin,
e.g. after an older installation was encrypted in place) shows it again with an audit row naming who asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import ValidationError
from app.security.recovery import format_recovery_key
from app.services.audited import audited
from app.services.context import ServiceContext
from app.store import settings

SHOWN_SETTING = "recovery_key_shown_at"


@dataclass(frozen=True)
class RecoverySheet:
    key_text: str
    office_code: str
    office_name: str

    def pdf(self, when: object) -> bytes:
        from app.printing.recovery_sheet import render_recovery_sheet

        return render_recovery_sheet(self.key_text, self.office_code, self.office_name, when)  # type: ignore[arg-type]


def _sheet(ctx: ServiceContext) -> RecoverySheet:
    if ctx.store.key is None:
        raise ValidationError("recovery_key", "dữ liệu chưa được mã hóa", "the store is not encrypted yet")
    return RecoverySheet(
        format_recovery_key(ctx.store.key),
        str(settings.get(ctx.store, "office_code") or ""),
        str(settings.get(ctx.store, "office_name") or ""),
    )


def first_showing(ctx: ServiceContext) -> RecoverySheet | None:
    """The recovery sheet if it was never shown on this store (then marked shown), else None."""
    if settings.get(ctx.store, SHOWN_SETTING):
        return None
    sheet = _sheet(ctx)
    with audited(ctx, "security.recovery_key_shown", "store", "recovery_key", {"first": True}) as now:
        settings.set_many(ctx.store, {SHOWN_SETTING: now})
    return sheet


def show_again(ctx: ServiceContext) -> RecoverySheet:
    """The recovery sheet for an admin, recorded in the audit log."""
    if ctx.actor.role != "admin":
        raise ValidationError("role", "chỉ quản trị viên xem lại được khóa khôi phục", "only an admin may")
    sheet = _sheet(ctx)
    with audited(ctx, "security.recovery_key_shown", "store", "recovery_key", {"first": False}) as now:
        settings.set_many(ctx.store, {SHOWN_SETTING: now})
    return sheet
