"""No ticket number given twice in a day across a mid-day hub restore — real processes: the province, the hub
over HTTPS, a kiosk and a counter enrolled with it.

The kiosk prints tickets before and after a backup, the counter calls some; the hub is killed and restored
from the backup twice: once with its old database still readable (the day's queue is carried over), once with
it destroyed, as a dead disk leaves it (the series jump past anything printed)."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from app.services.context import Actor
from sync.hub.folder import HubFolder
from tests.conftest import OFFICE_CODE
from tests.office.conftest import Counter, Office, motcua
from tests.office.helpers import remote
from tests.sync.serverproc import REPO

pytestmark = pytest.mark.slow
SUPERVISOR = Actor("giamsat", "Lê Văn Giám", "supervisor")


def until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _issue(kiosk: Counter, n: int) -> list[str]:
    q = remote(kiosk.ctx)  # a fresh session each time: the hub may have been restarted
    return [q.issue_ticket(kiosk.ctx, "A", "", "kiosk").ticket.number for _ in range(n)]


def _desk(counter: Counter) -> tuple[str | None, list[str]]:
    desk = remote(counter.ctx).hub.desk(counter.ctx, 1)
    return (desk.current.number if desk.current else None), [t.number for t in desk.waiting]


def _province_issued(office: Office) -> list[str]:
    conn = sqlite3.connect(office.central.db_url.removeprefix("sqlite:///"))
    try:
        rows = conn.execute("SELECT json_extract(payload, '$.number') FROM events WHERE kind = 'queue.issued'"
                            " AND office_code = ?", (OFFICE_CODE,)).fetchall()
    finally:
        conn.close()
    return sorted(r[0] for r in rows)


def _restore(office: Office, archive: str) -> dict[str, object]:
    code, out, err = motcua(office.hub_dir, "hub", "restore", archive, "--json")
    assert code == 0, err
    return dict(out["queue"])


def test_a_mid_day_restore_never_gives_a_printed_number_again(fresh_office: Office) -> None:
    office = fresh_office
    kiosk, clerk = office.counter("kiosk", role="kiosk"), office.counter("quay-1")
    remote(clerk.ctx).set_counter(dataclasses.replace(clerk.ctx, actor=SUPERVISOR), 1, ["A"])
    printed = _issue(kiosk, 3)
    assert remote(clerk.ctx).call_next(clerk.ctx, 1).ticket.number == "A001"
    code, taken, err = motcua(office.hub_dir, "hub", "backup", "--json")  # while the hub serves
    assert code == 0, err
    printed += _issue(kiosk, 2)
    assert remote(clerk.ctx).call_next(clerk.ctx, 1).ticket.number == "A002"  # A001 served
    assert printed == ["A001", "A002", "A003", "A004", "A005"]

    # 1. The old database still reads: the day's queue comes over as it was.
    office.hub.kill()
    assert _restore(office, taken["backup"]) == {"how": "carried", "next_numbers": {}}
    office.hub.start()
    assert _desk(clerk) == ("A002", ["A003", "A004", "A005"]), "the counter's citizen and the waiting ones"
    board = remote(kiosk.ctx).hub.board()
    assert board["serving"] == [[1, "A002"]] and board["waiting"] == {"A": 3}, "what the screen shows"
    printed += _issue(kiosk, 1)
    assert printed[-1] == "A006"
    until(lambda: _province_issued(office) == printed)  # the carried events reached the province, each once

    # 2. The old database is gone (a dead disk): the series jump past anything a citizen may hold.
    office.hub.kill()
    database = HubFolder.of_data_dir(office.hub_dir).database
    database.write_bytes(os.urandom(64 * 1024))
    for side in ("-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)
    queue = _restore(office, taken["backup"])
    assert queue["how"] == "jumped" and queue["next_numbers"]["A"] == 201, queue  # past A003 by 100, rounded up
    assert set(queue["next_numbers"].values()) == {201, 101}, "every service jumps (B101: no B in the backup)"
    office.hub.start()
    second = subprocess.run(  # `hub serve` a second time on the same folder: refused, the first one goes on
        [sys.executable, "-m", "app", "--data-dir", str(office.hub_dir), "--lang", "en", "hub", "serve",
         "--plain-http", "--no-announce", "--port", "1"],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60,
    )
    assert second.returncode == 3 and "already running" in second.stderr, second.stderr
    after = _issue(kiosk, 2)
    assert after == ["A201", "A202"] and not set(after) & set(printed)
    current, waiting = _desk(clerk)
    assert current == "A001" and waiting == ["A002", "A003", "A201", "A202"], "nobody who waited is dropped"
    until(lambda: _province_issued(office) == sorted(printed + after))
