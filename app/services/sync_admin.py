"""What a supervisor does with events the central server rejected: see them with the reason, send again.

Rejected events never block the rest of the outbox (DESIGN.md); they wait here until somebody who may decide
looks at them. Re-sending is a supervisor's act, so it is audited like any other change.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import ValidationError
from app.services.audited import audited
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.store import outbox
from app.store.db import Store


@dataclass(frozen=True)
class RejectedEvent:
    id: str
    kind: str
    code: str
    reason: str
    created_at: str


def rejected_events(store: Store) -> list[RejectedEvent]:
    return [RejectedEvent(e.id, e.kind, str(e.payload.get("code") or ""), e.reject_reason, e.created_at)
            for e in outbox.rejected(store)]


def resend(ctx: ServiceContext, event_id: str) -> Changes:
    """Put a rejected event back in the queue (the server evaluates a rejected id again)."""
    if not ctx.actor.can_supervise():
        raise ValidationError("role", "chỉ giám sát hoặc quản trị được gửi lại", "only supervisors may re-send")
    event = next((e for e in rejected_events(ctx.store) if e.id == event_id), None)
    if event is None:
        raise ValidationError("event", "sự kiện không còn trong danh sách bị từ chối", "the event is not rejected")
    with audited(ctx, "sync.resend", "outbox_event", event_id, {"kind": event.kind, "code": event.code}):
        outbox.requeue(ctx.store, event_id)
    return Changes(extra={"sync": True})
