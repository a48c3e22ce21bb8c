"""Office and device settings as typed key/value rows.

Every setting is declared once with its type and default (as Picard's ``options.py`` does), so a missing row
reads as the default and a wrong type fails loudly in tests, not at the counter.

The stored texts are kept in memory per store (every receive reads five settings): they are read again when
``PRAGMA data_version`` says another connection committed (the supervisor on the same PC, a command, a sync
pull on another connection) or when this connection wrote settings or rolled back (``Store.local_writes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.store.db import Store
from app.store.jsonutil import dumps, loads


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    help_vi: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("office_code", str, "", "Mã đơn vị (mã định danh điện tử)"),
        Setting("office_name", str, "", "Tên đơn vị"),
        Setting("agency_name", str, "", "Tên cơ quan chủ quản (in trên biểu mẫu)"),
        Setting("office_address", str, "", "Địa chỉ nơi trả kết quả"),
        Setting("counter", int, 1, "Số quầy"),
        Setting("device_slot", int, 0, "Khe thiết bị cho số hồ sơ (0–9)"),
        Setting("cli_clerk", str, "", "Tài khoản cán bộ tiếp nhận của dòng lệnh trên máy này"),
        Setting("server_url", str, "", "Địa chỉ máy chủ trung tâm"),
        Setting("language", str, "vi", "Ngôn ngữ giao diện"),
        Setting("font_scale", float, 1.0, "Cỡ chữ"),
        Setting("open_time", str, "07:30", "Giờ mở cửa"),
        Setting("close_time", str, "17:00", "Giờ đóng cửa"),
        Setting("idle_lock_minutes", int, 10, "Tự khóa sau (phút)"),
        Setting("calendar", dict, {}, "Lịch ngày nghỉ (JSON)"),
        Setting("export_folder", str, "", "Thư mục xuất cuối ngày"),
        Setting("printers", dict, {}, "Máy in theo loại giấy tờ"),
        Setting("recovery_key_shown_at", str, "", "Lần đầu hiện khóa khôi phục (thời điểm)"),
        Setting("scanner", dict, {}, "Máy quét (thiết bị, độ phân giải, chế độ, thư mục quét)"),
    )
}


def _text(store: Store, key: str) -> str | None:
    """A setting's stored JSON text (None when unset), from memory while nothing can have changed it.

    Key by key: the merge thread's commits (another connection) move ``data_version`` every few receives, and
    reading every setting then (the calendar is tens of KB) would cost more than the five lookups it saves."""
    version = (store.data_version(), store.local_writes)
    cached = store.settings_texts
    if cached is None or cached[0] != version:
        cached = (version, {})
        store.settings_texts = cached
    texts = cached[1]
    if key not in texts:
        value = store.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        texts[key] = None if value is None else str(value)
    return texts[key]


def get(store: Store, key: str) -> Any:
    spec = SETTINGS[key]
    text = _text(store, key)
    return spec.default if text is None else loads(text, spec.default)


def raw_value(store: Store, key: str) -> str | None:
    """The stored JSON text of ``key`` (None when unset): a cheap key for caching what is parsed from it."""
    return _text(store, key)


def set_many(store: Store, values: dict[str, Any]) -> None:
    """Write settings; must run inside the caller's transaction (services own transactions)."""
    for key, value in values.items():
        spec = SETTINGS[key]
        if spec.type is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, spec.type):
            raise TypeError(f"setting {key} expects {spec.type.__name__}, got {type(value).__name__}")
        store.local_writes += 1
        store.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, dumps(value)),
        )


def all_values(store: Store) -> dict[str, Any]:
    return {key: get(store, key) for key in SETTINGS}
