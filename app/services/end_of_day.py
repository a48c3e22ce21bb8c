"""The automatic end-of-day export: at closing time the day's log book (PDF and XLSX) and statistics (XLSX)
go to the configured folder (a USB stick or a shared folder), together with the daily backup.

Why it never raises: it runs while the app closes, when nobody can act on a traceback, and a stick that is
not plugged in is an everyday event. Every problem becomes a :class:`~app.services.backup_schedule.BackupWarning`
in the returned report for the window to show; files are written to a ``.part`` name and renamed, so a
pulled stick never leaves a half file that looks whole. The export is the office's configured routine, not a
person exporting, so it does not check the closing user's role (the folder is set by a supervisor); it is
recorded as an export of the day's dossiers (``audit accesses``), with the folder and the user who closed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.reports.logbook import log_rows
from app.reports.service import build_stats, log_bytes, make_scope, office_statistics, queue_missing
from app.reports.stats import named_before
from app.services.access_log import record_range_export
from app.services.backup_schedule import AutoBackupReport, BackupWarning, auto_backup_at_start_or_close
from app.services.context import ServiceContext
from app.store import settings

SUBDIR = "MotCua-xuat"  # inside the folder, so a stick's other files are never touched
_log = logging.getLogger(__name__)


@dataclass
class EndOfDayReport:
    day: str = ""
    folder: Path | None = None
    written: list[Path] = field(default_factory=list)
    warnings: list[BackupWarning] = field(default_factory=list)
    backup: AutoBackupReport | None = None

    @property
    def ok(self) -> bool:
        return not self.warnings


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def export_day(ctx: ServiceContext, day: date, folder: Path, report: EndOfDayReport) -> None:
    """Write the three files of ``day`` into ``folder``/MotCua-xuat; problems become warnings."""
    scope = make_scope(day, day)
    now = ctx.clock.now()
    rows = log_rows(ctx.store, scope, now)
    stats = office_statistics(ctx, scope, rows, now=now)  # a hub that cannot be reached: no queue part, said below
    target = folder / SUBDIR
    stem = day.isoformat()
    try:
        target.mkdir(exist_ok=True)
        for name, data in (
            (f"so-theo-doi-{stem}.pdf", log_bytes(ctx, scope, rows, "pdf")),
            (f"so-theo-doi-{stem}.xlsx", log_bytes(ctx, scope, rows, "xlsx")),
            (f"thong-ke-{stem}.xlsx", build_stats(ctx, scope, "xlsx", stats)),
        ):
            _write(target / name, data)
            report.written.append(target / name)
        # the day's citizens left the PC: in the access trail like a log book exported by hand
        detail = {"document": "form07.pdf+xlsx", "via": "end-of-day", "folder": str(folder)}
        record_range_export(ctx, stem, stem, detail, named_before(stats))
        if queue_missing(stats):
            report.warnings.append(
                BackupWarning(
                    f"Thống kê cuối ngày {day:%d/%m/%Y} đã ghi nhưng thiếu phần hàng đợi: {queue_missing(stats)}",
                    f"The end-of-day statistics of {day} were written without the queue part: "
                    f"{queue_missing(stats, 'en')}",
                )
            )
    except OSError as exc:
        report.warnings.append(
            BackupWarning(
                f"Không ghi được tệp xuất cuối ngày vào {folder}: {exc.strerror or exc}",
                f"Could not write the end-of-day export to {folder}: {exc.strerror or exc}",
            )
        )


def run_end_of_day(ctx: ServiceContext, day: date | None = None, *, backup: bool = True) -> EndOfDayReport:
    """What the app calls at closing time: export ``day`` (today by default), then the daily backup.

    Never raises; read ``report.warnings``.
    """
    day = day or ctx.clock.now().date()
    report = EndOfDayReport(day=day.isoformat())
    try:
        configured = str(settings.get(ctx.store, "export_folder") or "").strip()
        if not configured:
            report.warnings.append(
                BackupWarning(
                    "Chưa chọn thư mục xuất cuối ngày (Cài đặt → Thư mục xuất cuối ngày); sổ theo dõi chưa được xuất",
                    "No end-of-day export folder is set (Settings); the log book was not exported",
                )
            )
        elif not Path(configured).is_dir():
            report.warnings.append(
                BackupWarning(
                    f"Không thấy thư mục xuất {configured} (chưa cắm USB?); "
                    f"sổ theo dõi ngày {day:%d/%m/%Y} chưa được xuất",
                    f"The export folder {configured} is not there (USB stick unplugged?); {day} was not exported",
                )
            )
        else:
            report.folder = Path(configured)
            export_day(ctx, day, report.folder, report)
    except Exception as exc:  # a bug or a broken store must not stop the app from closing
        _log.exception("end-of-day export failed")
        report.warnings.append(BackupWarning(f"Xuất cuối ngày thất bại: {exc}", f"End-of-day export failed: {exc}"))
    if backup:
        report.backup = auto_backup_at_start_or_close(ctx)
        report.warnings.extend(report.backup.warnings)
    for warning in report.warnings:
        _log.warning("%s", warning.en)
    return report
