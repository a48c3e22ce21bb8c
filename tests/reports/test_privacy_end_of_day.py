"""The end-of-day export carries every citizen of the day off the PC: it is in the access trail like any export.

Why: ``motcua audit accesses --id-number N`` is how a supervisor answers a citizen who asks who took their data
(Decree 13/2023). A log book exported by hand is listed there; the same book written to a USB stick or a shared
folder at closing time was not, so the one copy that leaves the office every evening had no trace.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app.services.access_log import list_accesses
from app.services.context import Actor
from app.services.end_of_day import SUBDIR, run_end_of_day
from app.store import settings
from tests.security.conftest import PEOPLE, receive_people


def test_the_end_of_day_export_is_listed_among_a_citizen_s_accesses(ctx: Any, tmp_path: Path) -> None:
    codes = receive_people(ctx)
    stick = tmp_path / "usb"
    stick.mkdir()
    with ctx.store.transaction():
        settings.set_many(ctx.store, {"export_folder": str(stick)})
    day = ctx.clock.now().date()
    report = run_end_of_day(ctx, day, backup=False)
    assert report.ok and len(list((stick / SUBDIR).iterdir())) == 3
    ctx.actor = Actor("admin", "Quản trị", "admin")
    for (_, id_number, _, _), code in zip(PEOPLE, codes, strict=True):
        rows = [r for r in list_accesses(ctx, id_number=id_number) if r["action"] == "records.export"]
        assert [r["code"] for r in rows] == [code]
        detail = rows[0]["detail"]
        assert detail["via"] == "end-of-day" and detail["folder"] == str(stick), detail
        assert detail["first_day"] == detail["last_day"] == day.isoformat()


def test_no_access_is_recorded_when_nothing_was_written(ctx: Any, tmp_path: Path) -> None:
    receive_people(ctx)
    with ctx.store.transaction():
        settings.set_many(ctx.store, {"export_folder": str(tmp_path / "not-plugged")})
    assert not run_end_of_day(ctx, date(2026, 1, 5), backup=False).ok
    ctx.actor = Actor("admin", "Quản trị", "admin")
    assert list_accesses(ctx, id_number=PEOPLE[0][1]) == []


def test_overdue_citizens_of_earlier_days_named_by_the_day_s_statistics_are_in_their_trail(ctx: Any,
                                                                                           tmp_path: Path) -> None:
    from datetime import datetime

    from app.services.clock import FixedClock

    codes = receive_people(ctx)  # on 16/11/2026; a month later they are overdue and the day's lists name them
    with ctx.store.transaction():
        settings.set_many(ctx.store, {"export_folder": str(tmp_path)})
    ctx.clock = FixedClock(datetime.fromisoformat("2026-12-16T17:00:00+07:00"))
    assert run_end_of_day(ctx, date(2026, 12, 16), backup=False).ok
    ctx.actor = Actor("admin", "Quản trị", "admin")
    rows = [r for r in list_accesses(ctx, id_number=PEOPLE[1][1]) if r["action"] == "records.export"]
    assert [r["code"] for r in rows] == [codes[1]] and rows[0]["detail"]["first_day"] == "2026-12-16"
