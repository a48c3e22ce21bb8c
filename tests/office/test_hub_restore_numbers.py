"""The queue's number series across a restore whose replaced database does not read: the days the backup may
have missed jump, by the office's own rules run on real SQLite files (the hub's queue use cases, no server).

The ugly cases: a hub clock set back a day after the restore, the same backup restored again the same day,
the old database truncated or without the queue's tables, a backup taken the evening before, and a hub set up
afresh after the disk died, then replaced by the backup."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain import queue as rules
from app.services.hub_keys import AppHubKeys
from sync.hub import generation
from sync.hub import keys as hub_keys
from sync.hub.backup import backup_hub
from sync.hub.folder import HubFolder
from sync.hub.restore import Restored, restore_hub
from sync.protocol.timefmt import format_utc
from sync.server import devices
from sync.server import queue_store as qs
from sync.server.devices import Device
from sync.server.queue_actions import QueueActions
from sync.server.schema import migrate
from tests.conftest import OFFICE_CODE
from tests.office.hubfolder import hub_connect, make_hub

KIOSK = Device("kiosk-1", OFFICE_CODE, "Kiosk", None, role="kiosk")
MORNING = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)  # 09:00 in the office: its day is 2026-12-02
TODAY, YESTERDAY, TOMORROW = "2026-12-02", "2026-12-01", "2026-12-03"


def _issue(folder: HubFolder, at: datetime, n: int, letter: str = "A") -> list[str]:
    db = hub_keys.open_database(folder, AppHubKeys())
    try:
        generation.ensure(db)  # as `hub serve` does
        out = []
        for i in range(n):
            with db.transaction() as tx:
                done = QueueActions(rules).issue(tx, KIOSK, format_utc(at + timedelta(seconds=i)), letter, "", "kiosk",
                                                 str(uuid.uuid4()))
            out.append(done["ticket"]["number"])
        return out
    finally:
        db.close()


def _next(folder: HubFolder, day: str, letter: str = "A") -> int:
    db = hub_keys.open_database(folder, AppHubKeys())
    try:
        with db.transaction(write=False) as tx:
            return int(qs.last_number(tx, OFFICE_CODE, day, letter) or 0) + 1
    finally:
        db.close()


def _backup(tmp_path: Path, at: datetime) -> Path:
    return backup_hub(tmp_path / "pc", tmp_path / "stick", now=at, key_source=AppHubKeys())


def _restore(tmp_path: Path, archive: Path, at: datetime) -> Restored:
    return restore_hub(tmp_path / "pc", archive, now=at, key_source=AppHubKeys())


def _dead_disk(folder: HubFolder, keep: int) -> None:
    data = folder.database.read_bytes()
    folder.database.write_bytes(data[:keep])
    for side in ("-wal", "-shm"):
        folder.database.with_name(folder.database.name + side).unlink(missing_ok=True)


def test_a_busy_day_before_makes_the_jump_bigger_and_a_clock_set_back_lands_on_a_jumped_day(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    _issue(folder, MORNING - timedelta(days=1), 140)  # yesterday: a busy day, A001…A140
    printed = _issue(folder, MORNING, 12)
    archive = _backup(tmp_path, MORNING + timedelta(minutes=30))
    printed += _issue(folder, MORNING + timedelta(hours=1), 100)  # A013…A112 after the backup
    _dead_disk(folder, 4096)  # truncated: the first page only
    done = _restore(tmp_path, archive, MORNING + timedelta(hours=3))
    assert done.queue.how == "jumped" and done.queue.next_numbers["A"] == 201  # 12 + the busiest day (140) → 200
    assert _next(folder, TODAY) == 201 and f"A{_next(folder, TODAY)}" not in printed
    assert _next(folder, YESTERDAY) == 301, "the clock set back a day: past yesterday's own A140 and today's"
    assert _next(folder, TOMORROW) == 1, "tomorrow starts at 1 as every day"
    after = _issue(folder, MORNING + timedelta(hours=4), 2) + _issue(folder, MORNING - timedelta(hours=20), 1)
    assert after == ["A201", "A202", "A301"]

    again = _restore(tmp_path, archive, MORNING + timedelta(hours=5))  # the same file again
    assert again.queue.how == "carried" and _next(folder, TODAY) == 203 and _next(folder, YESTERDAY) == 302


def test_a_backup_from_the_day_before_jumps_today_and_an_old_database_without_a_queue_is_not_carried(
    tmp_path: Path,
) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    _issue(folder, MORNING - timedelta(days=1), 30)
    archive = _backup(tmp_path, MORNING - timedelta(hours=12))  # last evening
    _issue(folder, MORNING, 5)
    conn = hub_connect(folder.database)
    conn.execute("DROP TABLE queue_tickets")  # reads, but holds no queue: nothing to carry
    conn.commit()
    conn.close()
    done = _restore(tmp_path, archive, MORNING + timedelta(hours=1))
    assert done.queue.how == "jumped" and done.queue.next_numbers["A"] == 101  # today had 0 in the backup
    assert _next(folder, YESTERDAY) == 201  # 30 + 100 (the busiest day before yesterday: none) → 200

    _dead_disk(folder, 0)
    years_off = _restore(tmp_path, archive, MORNING + timedelta(days=3 * 365))  # a clock years ahead
    conn = hub_connect(folder.database)
    rows = conn.execute("SELECT COUNT(*), MAX(day) FROM queue_numbers").fetchone()
    conn.close()
    assert years_off.queue.how == "jumped" and rows[0] <= 26 * 34 and rows[1] == "2029-12-01", rows
    assert _next(folder, YESTERDAY) == 201, "the backup's own days still jump"


def test_a_hub_set_up_afresh_after_the_disk_died_is_carried_and_the_series_jump_too(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    printed = _issue(folder, MORNING, 12)
    archive = _backup(tmp_path, MORNING + timedelta(minutes=5))
    printed += _issue(folder, MORNING + timedelta(hours=1), 20)  # A013…A032, then the disk dies
    for path in folder.path.glob("hub.sqlite3*"):
        path.unlink()
    fresh = hub_keys.open_database(folder, AppHubKeys())
    migrate(fresh)
    with fresh.transaction() as tx:
        devices.add_office(tx, OFFICE_CODE, "UBND xã Mẫu Sơn", format_utc(MORNING))
    fresh.close()
    _issue(folder, MORNING + timedelta(hours=2), 3, "B")  # the new hub serves a while: a generation of its own
    done = _restore(tmp_path, archive, MORNING + timedelta(hours=3))
    assert done.queue.how == "carried_and_jumped" and done.queue.next_numbers["A"] == 201
    assert _next(folder, TODAY) == 201 and _next(folder, TODAY, "B") == 201  # B003 carried, then B: 3 → 103 → 200
