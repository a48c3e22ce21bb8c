"""``motcua hub backup``: one file holding a whole hub, taken while it serves.

Why one zip: a supervisor copies one file to a USB stick and gives it back to ``hub restore``; it holds the
database (scanned pages included: the server keeps them as rows), ``hub.json``, the TLS certificate and key the
devices pinned, and the hub's upstream token and id, so a new PC can take the hub over without re-enrolling
anything. The database is copied with SQLite's online backup API (one read transaction: a consistent snapshot
while the hub writes; a file copy of a live WAL database can be torn). The archive is written to a temporary
file beside its final name, fsynced, and linked in under a name that sorts by time (UTC); a second backup in
the same second gets ``_02``, never overwrites. The archive holds the hub's secrets, so it is 0600 in a 0700
folder, as the counter's backups are. A full disk or a folder it cannot write is one clear sentence and no file.
One backup or restore at a time (``backup.lock``, an OS lock as ``hub.lock``): a backup reading the database
while a restore replaces it could archive half of each; two at once double the disk work for nothing. The one
that finds the lock taken says so in one sentence and writes nothing.

The database in the archive is encrypted with the hub's key (``sync/hub/keys.py``): the backup API between two
connections keyed alike copies pages already encrypted, so the copy never exists in clear, even in the work
folder. A plain database still served by an older ``hub serve`` is not archived (the archive would hold the
office's dossiers in clear): the backup says to restart the hub, which encrypts it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from sync.files import fsync_dir
from sync.hub import keys
from sync.hub.errors import HubError
from sync.hub.folder import HubFolder
from sync.hub.lock import hold
from sync.hub.setup import open_hub
from sync.server import cipher

BACKUP_DIR = "hub-backups"  # in the data folder, unless --to
FORMAT = "motcua-hub-backup"
MANIFEST = "manifest.json"
DB_NAME = "hub.sqlite3"
PREFIX, SUFFIX, STAMP = "motcua-hub-", ".zip", "%Y%m%dT%H%M%SZ"
WORK_PREFIX = ".hub-backup-"  # a backup's work folder beside the archives
SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 10, 13, 14  # SQLite's primary result codes (both drivers')
STALE_S = 6 * 3600  # a work folder this old is a backup cut by a kill or a power cut (a backup takes minutes)


def side_files(folder: HubFolder) -> list[Path]:
    """The hub's files beside its database that a restore needs (``hub.json`` last: it marks a finished hub)."""
    return [folder.cert, folder.key, folder.token, folder.device_id_file, folder.config_file]


BUSY = ("một lần sao lưu hoặc khôi phục hub khác đang chạy ({holder}): thử lại khi nó xong",
        "another hub backup or restore is running ({holder}): try again when it is done")


def backup_hub(
    data_dir: Path,
    to: Path | None = None,
    *,
    key_source: keys.KeySource,
    now: datetime | None = None,
    prefix: str = PREFIX,
    locked: bool = True,
) -> Path:
    """Write a backup of the hub of ``data_dir`` into ``to`` (default ``<data dir>/hub-backups``); its path.
    ``locked=False``: the caller (a restore's safety copy) already holds the backup lock."""
    folder, _ = open_hub(data_dir)
    if not locked:
        return _backup(data_dir, folder, to, key_source, now, prefix)
    vi, en = BUSY
    guard = hold(folder.backup_lock, f"{vi}; {NOTHING_WRITTEN[0]}", f"{en}; {NOTHING_WRITTEN[1]}")
    try:
        return _backup(data_dir, folder, to, key_source, now, prefix)
    finally:
        guard.release()


def _backup(
    data_dir: Path, folder: HubFolder, to: Path | None, key_source: keys.KeySource, now: datetime | None, prefix: str
) -> Path:
    config = folder.load()
    key = keys.database_key(folder, key_source)
    if key is None:
        raise HubError(
            "cơ sở dữ liệu của hub chưa được mã hóa vì một “hub serve” của phiên bản cũ đang chạy: khởi động lại hub "
            f"(nó sẽ mã hóa dữ liệu) rồi sao lưu; {NOTHING_WRITTEN[0]}",
            "the hub's database is not encrypted yet because an older version's “hub serve” is running: restart the "
            f"hub (it encrypts the data), then back up; {NOTHING_WRITTEN[1]}",
            exit_code=3,
        )
    dest = Path(to) if to is not None else Path(data_dir) / BACKUP_DIR
    when = (now or datetime.now(UTC)).astimezone(UTC)
    if dest.exists() and not dest.is_dir():
        raise HubError(f"--to: {dest} không phải là thư mục", f"--to: {dest} is not a folder")
    try:
        _private_dir(dest)
        _drop_stale(dest)
        with tempfile.TemporaryDirectory(dir=dest, prefix=WORK_PREFIX) as work:  # same disk: a link, no copy
            snapshot = Path(work) / DB_NAME
            generation, schema = snapshot_database(folder.database, snapshot, key)
            manifest = {"format": FORMAT, "version": 1, "office_code": config.office_code,
                        "taken_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "generation": generation,
                        "schema": schema}
            tmp = Path(work) / "backup.zip"
            _write_zip(tmp, manifest, snapshot, [p for p in side_files(folder) if p.exists()])
            return _publish(tmp, dest, prefix + when.strftime(STAMP))
    except OSError as exc:
        raise disk_error(dest, exc) from exc


def snapshot_database(live: Path, target: Path, key: bytes) -> tuple[str | None, int | None]:
    """A consistent copy of ``live`` at ``target``, both encrypted with ``key`` (online backup API); the
    generation and schema it holds."""
    if not live.is_file():
        raise HubError(f"không thấy cơ sở dữ liệu của hub {live}", f"the hub's database {live} is missing")
    src = cipher.connect(live, key, timeout=30)  # read only by use: a read-only open of a WAL file may need -shm
    try:
        dst = cipher.connect(target, key)
        try:
            src.backup(dst)  # all pages in one step: one read snapshot, writers go on (WAL)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
            row = dst.execute("SELECT value FROM hub_state WHERE key = 'generation'").fetchone()
            schema = dst.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            dst.close()
    except cipher.error_types() as exc:
        code = _result_code(exc)
        if code in (SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN):  # writing the copy
            raise OSError(errno.ENOSPC if code == SQLITE_FULL else errno.EIO, str(exc)) from exc
        raise HubError(f"không đọc được cơ sở dữ liệu của hub {live}: {exc}",
                       f"cannot read the hub's database {live}: {exc}") from exc
    finally:
        src.close()
    return (str(row[0]) if row else None), (int(schema[0]) if schema else None)


def _result_code(exc: Exception) -> int:
    """SQLite's primary result code of ``exc``; from its message when the driver gives none (SQLCipher's backup
    step raises bare errors)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF
    text = str(exc)
    return next((c for c, words in _MESSAGES.items() if words in text), 0)


_MESSAGES = {SQLITE_IOERR: "disk I/O error", SQLITE_FULL: "database or disk is full",
             SQLITE_CANTOPEN: "unable to open database file"}


def _write_zip(path: Path, manifest: dict[str, object], database: Path, files: list[Path]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
            zf.write(database, DB_NAME, zipfile.ZIP_STORED)  # pages are PDFs: deflating them costs CPU for ~nothing
            for file in files:
                zf.write(file, file.name)
        fh.flush()
        os.fsync(fh.fileno())


def _publish(tmp: Path, dest: Path, stem: str) -> Path:
    """Link ``tmp`` in as ``stem.zip`` (then ``stem_02.zip`` …), never over an existing file."""
    for n in range(1, 100):
        final = dest / (stem + (f"_{n:02d}" if n > 1 else "") + SUFFIX)
        try:
            os.link(tmp, final)
        except FileExistsError:
            continue
        except OSError as exc:  # a file system without hard links (a FAT stick): reserve the name, then replace
            if exc.errno not in (errno.EPERM, getattr(errno, "ENOTSUP", errno.EPERM), errno.EXDEV, errno.ENOSYS):
                raise
            try:
                os.close(os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                continue
            os.replace(tmp, final)
        fsync_dir(dest)
        return final
    raise FileExistsError(errno.EEXIST, "too many backups in one second", str(dest))


def _drop_stale(dest: Path) -> None:
    """Remove work folders left by backups that were killed: each holds a whole copy of the database."""
    now = time.time()
    for work in dest.glob(WORK_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if work.is_dir() and now - work.stat().st_mtime > STALE_S:
                shutil.rmtree(work, ignore_errors=True)


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        with contextlib.suppress(OSError):  # a folder we do not own (a shared stick): the file is still 0600
            os.chmod(path, 0o700)


NOTHING_WRITTEN = ("không có tệp nào được ghi", "no file was written")


def disk_error(dest: Path, exc: OSError, field: str = "--to", tail: tuple[str, str] = NOTHING_WRITTEN) -> HubError:
    """One sentence for what went wrong writing under ``dest``, naming ``field`` and ending with ``tail``."""
    vi, en = tail
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):  # EFBIG: a FAT stick's 4 GB
        return HubError(f"{field}: không đủ chỗ trống trên đĩa của {dest}; {vi}",
                        f"{field}: not enough free space on the disk of {dest}; {en}", exit_code=3)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return HubError(f"{field}: không được phép ghi vào thư mục {dest}; {vi}",
                        f"{field}: no permission to write into {dest}; {en}", exit_code=3)
    reason = exc.strerror or str(exc)
    return HubError(f"{field}: không ghi được vào {dest}: {reason}; {vi}",
                    f"{field}: cannot write into {dest}: {reason}; {en}", exit_code=3)
