"""Changing office settings (the settings dialog): validate, then write the changed values with their audit row.

Validation is separate (``validate``) so the dialog can show a message before it closes; ``save_settings``
validates again because it is the use case, whoever calls it.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from app.domain.errors import ValidationError
from app.domain.text import clean_text
from app.services.audited import audited
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.store import settings
from sync.client.server_url import CLEARTEXT_EN, CLEARTEXT_VI, cleartext

EDITABLE = frozenset({"office_name", "agency_name", "office_address", "counter", "device_slot", "server_url",
                      "language", "font_scale", "open_time", "close_time", "idle_lock_minutes", "printers"})
ADMIN_ONLY = frozenset({"device_slot", "server_url"})


def validate(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    unknown = set(out) - EDITABLE
    if unknown:
        raise ValidationError("settings", f"không sửa được: {', '.join(sorted(unknown))}",
                              f"not editable: {', '.join(sorted(unknown))}")
    for key in ("office_name", "agency_name", "office_address", "server_url"):
        if key in out:
            out[key] = clean_text(out[key])
    if "office_name" in out and not out["office_name"]:
        raise ValidationError("office_name", "không được để trống", "must not be empty")
    if "counter" in out and not 1 <= int(out["counter"]) <= 99:
        raise ValidationError("counter", "số quầy phải từ 1 đến 99", "counter must be 1–99")
    if "device_slot" in out and not 0 <= int(out["device_slot"]) <= 9:
        raise ValidationError("device_slot", "phải từ 0 đến 9", "must be 0–9")
    url = out.get("server_url")
    if url and not url.startswith(("http://", "https://")):
        raise ValidationError("server_url", "phải bắt đầu bằng http:// hoặc https://",
                              "must start with http:// or https://")
    if url and cleartext(url):
        raise ValidationError("server_url", CLEARTEXT_VI, CLEARTEXT_EN)
    if "language" in out and out["language"] not in ("vi", "en"):
        raise ValidationError("language", "chỉ có vi hoặc en", "must be vi or en")
    if "idle_lock_minutes" in out and not 0 <= int(out["idle_lock_minutes"]) <= 240:
        raise ValidationError("idle_lock_minutes", "từ 0 (không khóa) đến 240 phút", "0 (never) to 240 minutes")
    for key in ("open_time", "close_time"):
        if key in out:
            out[key] = _clock_time(key, out[key])
    if "open_time" in out and "close_time" in out and out["open_time"] >= out["close_time"]:
        raise ValidationError("close_time", "giờ đóng cửa phải sau giờ mở cửa", "closing must be after opening")
    return out


def _clock_time(key: str, value: Any) -> str:
    """ "7:30" or "07:30" as "07:30"; anything else refused by name. Stored as fixed-width text so that two times
    compare as times ("9:00" compared as text came after "17:00")."""
    try:
        parsed = time.fromisoformat(str(value).strip().zfill(5))
    except ValueError:
        raise ValidationError(key, f"“{value}” không phải giờ (HH:MM)", f"“{value}” is not a time (HH:MM)") from None
    if parsed.second or parsed.microsecond or parsed.tzinfo:
        raise ValidationError(key, f"“{value}” không phải giờ (HH:MM)", f"“{value}” is not a time (HH:MM)")
    return parsed.strftime("%H:%M")


def save_settings(ctx: ServiceContext, values: dict[str, Any]) -> Changes:
    """Store the values that differ; supervisors may change settings, admins also the slot and server."""
    clean = validate(values)
    if ("open_time" in clean) != ("close_time" in clean):  # one of the two: checked against the stored other
        validate({"open_time": clean.get("open_time") or settings.get(ctx.store, "open_time"),
                  "close_time": clean.get("close_time") or settings.get(ctx.store, "close_time")})
    old = {key: settings.get(ctx.store, key) for key in clean}
    changed = {key: value for key, value in clean.items() if old[key] != value}
    if not changed:
        return Changes()
    if not ctx.actor.can_supervise() or (ADMIN_ONLY & set(changed) and ctx.actor.role != "admin"):
        raise ValidationError("role", "tài khoản này không được đổi cài đặt này",
                              "this account may not change this setting")
    detail = {"changed": {k: {"from": old[k], "to": v} for k, v in changed.items()}}
    with audited(ctx, "settings.update", "office", str(settings.get(ctx.store, "office_code")), detail):
        settings.set_many(ctx.store, changed)
    return Changes(settings=True)
