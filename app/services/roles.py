"""Who may do what, checked in the services (the UI greying a button out is a convenience, not the rule).

Three roles, each able to do what the ones below it can: a clerk receives, prints, searches, calls the queue and
syncs; a supervisor also sets fees, edits the calendar, the queue's services and counters, manages clerks'
accounts and re-sends rejected events; an admin also creates supervisors and admins, restores, enrols and
revokes devices, and changes the device slot and the server.
"""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.services.context import Actor

RANK = {"clerk": 0, "supervisor": 1, "admin": 2}
ROLE_NAMES = {
    "clerk": ("cán bộ tiếp nhận", "clerk"),
    "supervisor": ("người giám sát", "supervisor"),
    "admin": ("người quản trị", "admin"),
}


def has_role(actor: Actor, role: str) -> bool:
    return RANK.get(actor.role, -1) >= RANK[role]


def require_role(actor: Actor, role: str, what_vi: str, what_en: str) -> None:
    """Refuse (ValidationError on "role") unless ``actor`` has ``role`` or a higher one."""
    if not has_role(actor, role):
        vi, en = ROLE_NAMES[role]
        raise ValidationError(
            "role",
            f"chỉ {vi} (hoặc vai trò cao hơn) mới được {what_vi} (đang dùng {actor.username}, {actor.role})",
            f"only a {en} or higher may {what_en} (acting as {actor.username}, {actor.role})",
        )
