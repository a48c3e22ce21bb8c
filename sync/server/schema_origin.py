"""Schema step for events forwarded by an office hub (issue 13 follow-up): whose they are, and that device's clock.

A hub forwards its devices' events under its own token. On the hub, ``events.skew_ms`` keeps the clock skew the
hub measured on the push that brought the event (how far the device's clock was behind the hub's), so it can
travel up with the event. On the province, ``events.origin_device`` keeps the device that made an event a hub
forwarded (NULL for an event a device sent itself: ``device_id`` is that device).
"""

from __future__ import annotations

ORIGIN = """
ALTER TABLE events ADD COLUMN skew_ms BIGINT;
ALTER TABLE events ADD COLUMN origin_device TEXT
"""
