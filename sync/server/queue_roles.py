"""Which enrolled devices may change the office queue: a kiosk issues tickets, a waiting-room screen only reads.

Why: the kiosk and the screen stand in the public waiting room, and each holds a token for the hub. Before this
check any token of the office could call the next citizen, rename a service, empty a counter's services or set
the recalls before a no-show, so a citizen who left the kiosk's full screen (or a screen PC taken home) could
rewrite the office's queue. The role comes from the enrolment code (``hub enrollment-code --role``); a counter
(role ``device``) keeps every action. Reads (board, stream, waiting list, set-up) stay open to every device of
the office: they hold ticket numbers, not personal data.
"""

from __future__ import annotations

from typing import Any

from sync.server.devices import ROLE_DEVICE, ROLE_KIOSK, ROLE_SCREEN, Device
from sync.server.queue_rules import QueueRules

COUNTERS = frozenset({ROLE_DEVICE})
ISSUERS = COUNTERS | {ROLE_KIOSK}  # the kiosk's one write: a ticket for the citizen in front of it
_NAMES = {ROLE_KIOSK: ("máy cấp số", "a ticket kiosk"), ROLE_SCREEN: ("màn hình phòng chờ", "a waiting-room screen")}


def check(rules: QueueRules, device: Device, allowed: frozenset[str]) -> None:
    """Refuse (the rules' ValidationError, field ``device``) an action ``device``'s role may not take."""
    if device.role in allowed:
        return
    vi, en = _NAMES.get(device.role, (device.role, device.role))
    what: Any = ("cấp số", "issue tickets") if ROLE_KIOSK in allowed else ("thay đổi hàng đợi", "change the queue")
    only_vi = "máy quầy và máy cấp số" if ROLE_KIOSK in allowed else "máy quầy"
    only_en = "counters and the ticket kiosk" if ROLE_KIOSK in allowed else "counters"
    raise rules.ValidationError(
        "device",
        f"máy này được đăng ký là {vi}: không được {what[0]}; chỉ {only_vi} mới được",
        f"this PC is enrolled as {en}: it may not {what[1]}; only {only_en} may",
    )
