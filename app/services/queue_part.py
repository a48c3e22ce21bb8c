"""The queue part of the statistics (``motcua report stats``, the XLSX/CSV export, the end-of-day export, the
supervisor view): the office's figures, as ``motcua ticket stats`` gives them.

Why a part that can be missing: on a PC of an office with a hub the queue is on the hub, and this PC's store
holds at most the tickets it issued while the hub was down; counting those as the office's day misled the
supervisor. So the figures come from the hub (:func:`app.services.queue_backend.office_stats`), and when the hub
cannot be reached the part says it is missing and why (``available: False``, ``reason``/``reason_en``, no
figures at all, so no reader can take zeros for the day), while the dossiers' statistics and the files are still
produced: a hub that is down never stops the log book, the statistics or the end-of-day export.
"""

from __future__ import annotations

from typing import Any

from app.services.context import ServiceContext


def queue_part(ctx: ServiceContext, first_day: str, last_day: str) -> dict[str, Any]:
    """The office's queue figures of ``first_day``..``last_day`` (``source``: ``hub`` or ``this_pc``), or the
    part marked missing with its reason when they are on a hub that cannot be reached. May wait on the hub for
    its short timeouts: the window calls it on its ``network`` worker."""
    from app.services.queue_backend import HubStatsUnreachable, office_stats
    from sync.client.errors import SyncError

    try:
        return {**office_stats(ctx, first_day, last_day), "available": True}
    except HubStatsUnreachable as exc:
        return missing(first_day, last_day, exc.missing_reason("vi"), exc.missing_reason("en"))
    except SyncError as exc:  # the hub answered but gave no figures (this device refused, an older hub)
        return missing(first_day, last_day,
                       f"máy chủ hàng đợi không trả số liệu hàng đợi: {exc.user_message('vi')}",
                       f"the queue hub gave no queue figures: {exc.user_message('en')}")


def missing(first_day: str, last_day: str, reason: str, reason_en: str) -> dict[str, Any]:
    """A queue part without figures, saying why."""
    return {"from": first_day, "to": last_day, "source": "hub", "available": False, "reason": reason,
            "reason_en": reason_en}

