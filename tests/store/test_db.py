"""Connection set-up, migrations with a backup first, typed errors, backups and checked restores."""

from __future__ import annotations

import pytest

from app.store import migrations
from app.store.backup import check_backup_file
from app.store.db import Store
from app.store.errors import EnvironmentStoreError
from tests.helpers.raw import raw_connect


def test_pragmas(ctx):
    store = ctx.store
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 1000
    assert store.user_version == migrations.LATEST


def test_new_store_has_every_table(tmp_path):
    store = Store.in_folder(tmp_path)
    migrations.migrate(store)
    tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    for name in (
        "settings",
        "procedures",
        "dossiers",
        "dossier_events",
        "dossier_documents",
        "users",
        "audit_log",
        "outbox",
        "sync_state",
        "daily_counters",
    ):
        assert name in tables
    assert not (tmp_path / "backups").exists()  # nothing to back up on a new store
    store.close()


def test_migration_backs_up_first(ctx, monkeypatch):
    steps = [*migrations.MIGRATIONS, lambda conn: conn.execute("CREATE TABLE extra (x)")]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "LATEST", len(steps))
    applied = migrations.migrate(ctx.store)
    assert applied == [len(steps)]
    backups = list((ctx.data_dir / "backups").glob("pre-migration-*.sqlite3"))
    assert len(backups) == 1
    assert check_backup_file(backups[0], ctx.store.key) == len(steps) - 1


def test_newer_store_is_refused(ctx):
    ctx.store.execute(f"PRAGMA user_version={migrations.LATEST + 1}")
    with pytest.raises(EnvironmentStoreError) as err:
        migrations.migrate(ctx.store)
    assert err.value.kind == "newer"


def test_not_a_database_is_an_environment_error(tmp_path):
    path = tmp_path / "motcua.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(EnvironmentStoreError):
        store = Store(path)
        migrations.migrate(store)


def test_restore_refuses_a_corrupt_file_and_keeps_the_live_store(ctx, tmp_path):
    from app.services.backups import restore_backup

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    ctx.store.close()
    with pytest.raises(EnvironmentStoreError):
        restore_backup(ctx.data_dir, bad)
    conn = raw_connect(ctx.data_dir / "motcua.sqlite3")
    assert conn.execute("SELECT COUNT(*) FROM procedures").fetchone()[0] == 20
    conn.close()


def test_a_nested_transaction_is_undone_alone(ctx):
    store = ctx.store
    with store.transaction():
        store.conn.execute("INSERT INTO settings (key, value) VALUES ('outer.kept', '1')")
        with pytest.raises(ValueError), store.transaction():
            store.conn.execute("INSERT INTO settings (key, value) VALUES ('inner.undone', '1')")
            raise ValueError("the inner block fails")
        with store.transaction():
            store.conn.execute("INSERT INTO settings (key, value) VALUES ('inner.kept', '1')")
    names = "('outer.kept', 'inner.undone', 'inner.kept')"
    keys = {r[0] for r in store.execute(f"SELECT key FROM settings WHERE key IN {names}")}
    assert keys == {"outer.kept", "inner.kept"}
