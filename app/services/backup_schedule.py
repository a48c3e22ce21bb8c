"""The automatic daily backup: one checked copy a day, kept 14 days and 8 weeks, optionally copied to a USB stick.

Why: until a device syncs, its store is the only copy of the day's dossiers, and the people at the counter are not
IT staff. So the app calls :func:`run_auto_backup` when it starts and when it closes (and ``motcua backup-auto``
can be scheduled): it writes at most one backup a day unless forced, checks the copy before trusting it, thins
old copies the way restic's ``--keep-daily/--keep-weekly`` does, and copies the new one to a second folder when
one is configured. A second folder that is missing (the stick is not plugged in) is a warning, never a failure.
The second folder is a device setting kept in ``<data dir>/backup.json``, not in the store, because it names
a drive of this PC and must be readable when the store itself is what is broken.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.services.backups import make_backup
from app.services.context import ServiceContext
from app.store.backup import check_backup_file
from app.store.blob_backup import copy_beside
from app.store.encrypt import encrypt_folder

AUTO_DIR = Path("backups") / "auto"
CONFIG_FILE = "backup.json"
COPY_SUBDIR = "MotCua-backups"  # inside the second folder, so a USB stick's other files are never touched
KEEP_DAILY = 14
KEEP_WEEKLY = 8
_PREFIX, _SUFFIX, _STAMP = "motcua-", ".sqlite3", "%Y-%m-%d_%H%M%S"


@dataclass(frozen=True)
class BackupWarning:
    """Something the user should hear about that did not stop the backup, in both languages."""

    vi: str
    en: str

    def message(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en


@dataclass
class AutoBackupReport:
    made: Path | None = None
    copied_to: Path | None = None
    removed: list[Path] = field(default_factory=list)
    warnings: list[BackupWarning] = field(default_factory=list)
    skipped: bool = False  # True when today's backup already existed


def auto_dir(data_dir: Path) -> Path:
    return Path(data_dir) / AUTO_DIR


def backup_name(at: datetime) -> str:
    return f"{_PREFIX}{at.strftime(_STAMP)}{_SUFFIX}"


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken, read from its name; None for files that are not ours."""
    name = path.name
    if not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(_PREFIX) : -len(_SUFFIX)], _STAMP)
    except ValueError:
        return None


def list_backups(folder: Path) -> list[tuple[datetime, Path]]:
    """Our backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [(when, p) for p in folder.iterdir() if p.is_file() and (when := backup_time(p)) is not None]
    return sorted(found, reverse=True)


def to_keep(times: list[datetime], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> set[datetime]:
    """The newest backup of each of the last ``daily`` days that have one, and of the last ``weekly`` ISO weeks."""
    keep: set[datetime] = set()
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    for when in sorted(times, reverse=True):
        day, week = when.date(), (when.isocalendar().year, when.isocalendar().week)
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(when)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            keep.add(when)
    return keep


def rotate(folder: Path, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Delete the backups in ``folder`` that the policy does not keep; returns what was deleted."""
    backups = list_backups(folder)
    keep = to_keep([when for when, _ in backups], daily, weekly)
    removed = [path for when, path in backups if when not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def copy_folder(data_dir: Path) -> Path | None:
    """The configured second folder (e.g. ``E:\\``), or None."""
    try:
        value = json.loads((Path(data_dir) / CONFIG_FILE).read_text("utf-8")).get("copy_to")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(value) if value else None


def set_copy_folder(data_dir: Path, folder: Path | None) -> None:
    """Remember (or forget, with None) the second folder for this device."""
    path = Path(data_dir) / CONFIG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"copy_to": str(folder) if folder else ""}, ensure_ascii=False), "utf-8")


def is_due(data_dir: Path, now: datetime) -> bool:
    """True when no automatic backup exists for ``now``'s date."""
    return not any(when.date() == now.date() for when, _ in list_backups(auto_dir(data_dir)))


def run_auto_backup(ctx: ServiceContext, *, force: bool = False, copy_to: Path | None = None) -> AutoBackupReport:
    """Take today's backup if it is due (or ``force``), check it, rotate, and copy it to the second folder.

    ``copy_to`` overrides the configured second folder for this run. Errors writing the main backup propagate
    (typed by :mod:`app.store.backup`); problems with the second folder only add warnings.
    """
    now = ctx.clock.now().replace(tzinfo=None)
    report = AutoBackupReport()
    if not force and not is_due(ctx.data_dir, now):
        report.skipped = True
        return report
    folder = auto_dir(ctx.data_dir)
    made = make_backup(ctx, folder / backup_name(now))
    check_backup_file(made, ctx.store.key)  # a copy that fails its check is worse than none: it would be trusted
    report.made = made
    report.removed = rotate(folder)
    second = copy_to or copy_folder(ctx.data_dir)
    if second is not None:
        report.copied_to = _copy_out(made, Path(second), report.warnings, ctx.store.key)
    return report


def _copy_out(made: Path, second: Path, warnings: list[BackupWarning], key: bytes | None) -> Path | None:
    if not second.is_dir():
        warnings.append(
            BackupWarning(
                f"Không thấy thư mục sao lưu thứ hai {second} (chưa cắm USB?); bản sao lưu chỉ nằm trên máy này",
                f"The second backup folder {second} is not there (USB stick unplugged?); the backup is on this PC only",
            )
        )
        return None
    target_dir = second / COPY_SUBDIR
    try:
        target_dir.mkdir(exist_ok=True)
        tmp = target_dir / (made.name + ".part")
        shutil.copyfile(made, tmp)
        tmp.replace(target_dir / made.name)
        copy_beside(made, target_dir / made.name, key)  # the scanned pages go along (app/store/blob_backup.py)
        rotate(target_dir)
        if key is not None:  # plain copies left there by a version before encryption
            encrypt_folder(target_dir, key)
    except OSError as exc:
        warnings.append(
            BackupWarning(
                f"Không chép được bản sao lưu sang {second}: {exc.strerror or exc}",
                f"Could not copy the backup to {second}: {exc.strerror or exc}",
            )
        )
        return None
    return target_dir / made.name


def auto_backup_at_start_or_close(ctx: ServiceContext) -> AutoBackupReport:
    """What the app calls when it starts and closes: never raises, so a full disk cannot stop the counter.

    A failure of the main backup becomes a warning (and a log line with the cause) for the UI to show.
    """
    try:
        report = run_auto_backup(ctx)
    except Exception as exc:
        logging.getLogger(__name__).exception("automatic backup failed")
        reason_vi = getattr(exc, "reason_vi", str(exc))
        reason_en = getattr(exc, "reason_en", str(exc))
        return AutoBackupReport(
            warnings=[BackupWarning(f"Sao lưu tự động thất bại: {reason_vi}", f"Automatic backup failed: {reason_en}")]
        )
    for warning in report.warnings:
        logging.getLogger(__name__).warning("%s", warning.en)
    if report.made:
        logging.getLogger(__name__).info("automatic backup %s (removed %d old)", report.made.name, len(report.removed))
    return report
