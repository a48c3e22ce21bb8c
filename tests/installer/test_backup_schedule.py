"""The daily backup: due once a day, checked, rotated 14 daily + 8 weekly, copied to a second folder if there."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from app.services.backup_schedule import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    auto_backup_at_start_or_close,
    auto_dir,
    list_backups,
    run_auto_backup,
    set_copy_folder,
    to_keep,
)
from app.services.context import ServiceContext
from app.store.backup import check_backup_file


def test_policy_keeps_last_14_days_and_one_per_week_for_8_weeks() -> None:
    start = datetime(2026, 1, 1, 17, 0)
    times = [start + timedelta(days=d, hours=h) for d in range(120) for h in (0, 1)]  # two a day for 4 months
    kept = to_keep(times)
    newest = max(times)
    days = {t.date() for t in kept if newest - t < timedelta(days=KEEP_DAILY)}
    assert len(days) == KEEP_DAILY and all(t.hour == 18 for t in kept), "the newest of each day is kept"
    weeks = {t.isocalendar()[:2] for t in kept}
    assert len(weeks) == KEEP_WEEKLY
    assert min(kept) > newest - timedelta(weeks=KEEP_WEEKLY)
    assert len(kept) < KEEP_DAILY + KEEP_WEEKLY


def test_one_backup_a_day_unless_forced(ctx: ServiceContext) -> None:
    first = run_auto_backup(ctx)
    assert first.made is not None and check_backup_file(first.made, ctx.store.key) >= 1
    assert run_auto_backup(ctx).skipped
    assert run_auto_backup(ctx, force=True).made is not None
    ctx.clock.advance(days=1)  # type: ignore[attr-defined]
    assert run_auto_backup(ctx).made is not None
    assert len(list_backups(auto_dir(ctx.data_dir))) == 2  # rotation keeps the newest of each day


def test_rotation_over_two_months_keeps_the_policy(ctx: ServiceContext) -> None:
    for _ in range(60):
        run_auto_backup(ctx)
        ctx.clock.advance(days=1)  # type: ignore[attr-defined]
    kept = list_backups(auto_dir(ctx.data_dir))
    assert KEEP_DAILY <= len(kept) < KEEP_DAILY + KEEP_WEEKLY
    assert kept[0][0].date() == (ctx.clock.now() - timedelta(days=1)).date()
    assert not list(auto_dir(ctx.data_dir).glob("*.part"))


def test_second_folder_gets_a_copy(ctx: ServiceContext, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    set_copy_folder(ctx.data_dir, usb)
    report = run_auto_backup(ctx)
    assert report.copied_to is not None and report.copied_to.parent == usb / "MotCua-backups"
    assert report.copied_to.read_bytes() == report.made.read_bytes()  # type: ignore[union-attr]
    assert not report.warnings


def test_missing_second_folder_is_a_warning_not_a_failure(ctx: ServiceContext, tmp_path: Path) -> None:
    set_copy_folder(ctx.data_dir, tmp_path / "unplugged")
    report = run_auto_backup(ctx)
    assert report.made is not None and report.made.is_file()
    assert report.copied_to is None
    assert len(report.warnings) == 1 and "unplugged" in report.warnings[0].message("en")


def test_start_or_close_backup_never_raises(ctx: ServiceContext) -> None:
    (ctx.data_dir / "backups").mkdir(exist_ok=True)
    auto_dir(ctx.data_dir).write_text("a file where the folder should be")
    report = auto_backup_at_start_or_close(ctx)
    assert report.made is None
    assert report.warnings and report.warnings[0].message("vi").startswith("Sao lưu tự động thất bại")
