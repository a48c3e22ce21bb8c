"""Settings kept in memory are read again whenever they may have changed: another connection, a rollback."""

from __future__ import annotations

import pytest

from app.store import settings
from app.store.db import Store
from app.store.jsonutil import dumps


def test_a_change_by_another_connection_is_seen_at_once(ctx):
    store: Store = ctx.store
    assert settings.get(store, "open_time") == "07:30"
    other = Store(store.path)  # the supervisor's window on the same PC, a command, a sync on its own connection
    try:
        with other.transaction():
            settings.set_many(other, {"open_time": "08:00", "close_time": "16:30"})
    finally:
        other.close()
    assert settings.get(store, "open_time") == "08:00"
    assert settings.raw_value(store, "close_time") == dumps("16:30")


def test_kept_while_nothing_changed(ctx, monkeypatch):
    store: Store = ctx.store
    keys = ("office_code", "device_slot", "open_time", "close_time", "calendar")
    for key in keys:
        settings.get(store, key)
    reads = []
    real = store.scalar
    monkeypatch.setattr(store, "scalar", lambda sql, params=(): reads.append(sql) or real(sql, params))
    for key in keys:
        settings.get(store, key)
    assert reads == ["PRAGMA data_version"] * len(keys)  # no settings query at all


def test_own_write_seen_and_a_rollback_undone(ctx):
    store: Store = ctx.store
    with store.transaction():
        settings.set_many(store, {"open_time": "06:45"})
        assert settings.get(store, "open_time") == "06:45"
    assert settings.get(store, "open_time") == "06:45"
    with pytest.raises(RuntimeError), store.transaction():
        settings.set_many(store, {"open_time": "09:00"})
        assert settings.get(store, "open_time") == "09:00"
        raise RuntimeError("undone")
    assert settings.get(store, "open_time") == "06:45"


def test_a_savepoint_undone_alone_undoes_its_setting(ctx):
    store: Store = ctx.store
    with store.transaction():
        settings.set_many(store, {"close_time": "16:00"})
        with pytest.raises(RuntimeError), store.transaction():
            settings.set_many(store, {"close_time": "18:00"})
            assert settings.get(store, "close_time") == "18:00"
            raise RuntimeError("undone")
        assert settings.get(store, "close_time") == "16:00"
    assert settings.get(store, "close_time") == "16:00"
