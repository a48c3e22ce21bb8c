"""Is this PC a ticket kiosk or waiting-room screen, enrolled with no device slot (issue 13 follow-up)?

Dossier codes carry one digit for the device slot, so an office has ten; the kiosk and screens never receive a
dossier and enrol without one. Such a PC must not number anything in a slot: its settings still say slot 0
(the default), which belongs to a counter. The sync state is the truth: enrolled (an office) and no slot.
"""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.store import sync_state
from app.store.db import Store

NO_DOSSIER_VI = ("máy này là máy cấp số hoặc màn hình phòng chờ, không có khe thiết bị nên không tiếp nhận "
                 "hồ sơ: hãy tiếp nhận tại một quầy")
NO_DOSSIER_EN = ("this PC is a ticket kiosk or waiting-room screen with no device slot, so it cannot receive "
                 "dossiers: receive them at a counter")


def has_no_slot(store: Store) -> bool:
    # The sync state read from the store: importing the sync client here would load the network libraries on
    # the way to the first window (tests/ui/test_launch.py).
    state = sync_state.get(store, "state", {})
    return isinstance(state, dict) and bool(state.get("office_code")) and state.get("slot") is None


def refuse_dossier_without_slot(store: Store) -> None:
    """Raise the one-line refusal when this PC holds no slot (before anything is written)."""
    if has_no_slot(store):
        raise ValidationError("device", NO_DOSSIER_VI, NO_DOSSIER_EN)
