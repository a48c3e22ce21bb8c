"""The automatic end-of-day export: files in the configured folder, warnings (never a crash) otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.services.end_of_day import SUBDIR, run_end_of_day
from app.store import settings
from tests.reports.month import NOW


def _set_folder(ctx: Any, folder: str) -> None:
    with ctx.store.transaction():
        settings.set_many(ctx.store, {"export_folder": folder})


def test_writes_the_day_and_takes_the_backup(month: Any, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    _set_folder(month, str(stick))
    month.clock.current = NOW.replace(day=30, month=11, hour=17)
    report = run_end_of_day(month)
    assert report.ok, [w.en for w in report.warnings]
    names = sorted(p.name for p in (stick / SUBDIR).iterdir())
    assert names == ["so-theo-doi-2026-11-30.pdf", "so-theo-doi-2026-11-30.xlsx", "thong-ke-2026-11-30.xlsx"]
    assert report.backup is not None and report.backup.made is not None


def test_missing_folder_is_a_warning(month: Any, tmp_path: Path) -> None:
    _set_folder(month, str(tmp_path / "E-drive-not-plugged"))
    report = run_end_of_day(month, backup=False)
    assert not report.ok and "USB" in report.warnings[0].vi and not report.written


def test_unset_folder_is_a_warning(month: Any) -> None:
    report = run_end_of_day(month, backup=False)
    assert not report.ok and "Chưa chọn thư mục" in report.warnings[0].vi


def test_a_clerk_closing_the_app_still_exports(month: Any, tmp_path: Path) -> None:
    from app.services.context import Actor

    _set_folder(month, str(tmp_path))
    month.actor = Actor("lan", "Nguyễn Thị Lan", "clerk")
    assert run_end_of_day(month, backup=False).ok
