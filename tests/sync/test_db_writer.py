"""SQLite writers of one process queue on one Python lock per file (:mod:`sync.server.db`), so none of them
sleeps in SQLite's busy handler; every write still lands once, and a reader is never held up by it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from sync.server.db import Database


def test_writers_of_one_file_share_one_lock_whatever_the_spelling(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    one = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    same = Database("sqlite:///./hub.sqlite3")
    other = Database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    assert one._writer is same._writer and one._writer is not other._writer
    for db in (one, same, other):
        db.close()


def test_many_writers_each_land_once_and_a_reader_is_not_held_up(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    dbs = [Database(url, pool_size=4), Database(url, pool_size=4)]
    with dbs[0].transaction() as tx:
        tx.execute("CREATE TABLE n (v INTEGER NOT NULL)")
        tx.execute("INSERT INTO n VALUES (0)")
    errors: list[BaseException] = []

    def bump(db: Database) -> None:
        try:
            for _ in range(25):
                with db.transaction() as tx:
                    value = tx.scalar("SELECT v FROM n")
                    tx.execute("UPDATE n SET v = ?", (value + 1,))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=bump, args=(dbs[i % 2],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with dbs[1].transaction() as tx:
        tx.execute("UPDATE n SET v = v")  # holds the write lock while a reader reads
        with dbs[0].transaction(write=False) as reader:
            assert reader.scalar("SELECT v FROM n") == 200
    # a failed write releases the lock: the next one goes through
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"), dbs[0].transaction() as tx:
        tx.execute("INSERT INTO n VALUES (NULL)")
    with dbs[1].transaction() as tx:
        assert tx.scalar("SELECT COUNT(*) AS c FROM n") == 1
    for db in dbs:
        db.close()
