"""``motcua hub restore FILE``: put a hub back from a ``hub backup`` archive, checked before anything is replaced.

Why this order: the restore holds the hub's lock (``hub serve`` cannot start meanwhile, and a serving hub makes
the restore refuse) and the backup lock (no ``hub backup`` reads the files it replaces); it unpacks the archive
into a staging folder beside the hub's files and checks it there (the manifest, every file, ``PRAGMA
integrity_check``, the office in ``hub.json`` and in the database, and the same office as the hub it replaces);
it gives the staged database a new generation (sync/hub/generation.py: the devices then send again what the
restore lost); it keeps a safety copy of the hub it replaces (a backup archive ``pre-restore-…`` when the old
database reads, else the old files moved aside), and only then moves the files in, the stale WAL of the old
database removed first and ``hub.json`` last. A bad archive writes nothing.

Schema versions: a backup from an older MotCua is brought up to this version's hub schema in the staging
folder (the same appended steps ``hub serve`` runs), so the restored hub is at once what this version expects;
a backup from a newer MotCua is refused, naming its schema version: this version would run on tables it does
not know, and might drop what the newer one wrote.

Keys (``sync/hub/keys.py``): the archive's database opens with this PC's hub key or, on a new PC, with the one
from the recovery key given (``--recovery-key-file``); neither: one sentence and nothing changed. A PC with no
key yet takes the recovery key as its own (the sheet stays valid); a PC with its own key gets the database
re-keyed to it in the staging folder; an old plain backup is encrypted there. The replaced hub, when it is an
older plain one, is encrypted in place first (the restore holds the hub lock), so every copy is encrypted.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sync.hub import generation, keys, restore_queue
from sync.hub.backup import BACKUP_DIR, BUSY, DB_NAME, FORMAT, MANIFEST, backup_hub, disk_error, side_files
from sync.hub.errors import HubError
from sync.hub.folder import HubConfig, HubFolder
from sync.hub.lock import hold
from sync.server import cipher
from sync.server.db import Database
from sync.server.schema import MIGRATIONS, migrate

STAGING = ".restoring"
_KEPT = ("hub trước khi khôi phục (nếu đã thay) được giữ trong hub-backups/pre-restore-…",
         "the hub as it was (if already replaced) is kept in hub-backups/pre-restore-…")


@dataclass(frozen=True)
class Restored:
    office_code: str
    taken_at: str
    generation: str
    safety_copy: Path | None
    queue: restore_queue.QueueAfterRestore


def restore_hub(data_dir: Path, archive: Path, *, key_source: keys.KeySource, now: datetime | None = None) -> Restored:
    folder = HubFolder.of_data_dir(data_dir)
    # a new PC taking the hub over: the folders this restore makes, outermost first
    made = [path for path in (*reversed(folder.path.parents), folder.path) if not path.exists()]
    try:
        return _restore(data_dir, folder, archive, key_source, now)
    except BaseException:
        _take_back(made, folder)
        raise


def _take_back(made: list[Path], folder: HubFolder) -> None:
    """A refused restore on a new PC leaves no folder behind ("nothing changed" holds on disk too): the folders
    it made, with the lock files it made in them, are removed again when nothing else is in them."""
    if folder.path in made:
        for lock_file in (folder.lock, folder.backup_lock):
            Path(lock_file).unlink(missing_ok=True)
    for path in reversed(made):
        with contextlib.suppress(OSError):  # something else is in it: kept
            path.rmdir()


def _restore(data_dir: Path, folder: HubFolder, archive: Path, key_source: keys.KeySource,
             now: datetime | None) -> Restored:
    folder.path.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = hold(
        folder.lock,
        "hub đang chạy ({holder}): dừng “motcua hub serve” trước khi khôi phục; không có gì thay đổi",
        "the hub is running ({holder}): stop “motcua hub serve” before restoring; nothing changed",
    )
    try:
        busy = hold(folder.backup_lock, f"{BUSY[0]}; không có gì thay đổi", f"{BUSY[1]}; nothing changed")
    except HubError:
        lock.release()
        raise
    staging = folder.path / STAGING
    try:
        shutil.rmtree(staging, ignore_errors=True)
        manifest, config = _unpack(Path(archive), staging)
        staged_key = _staged_key(Path(archive), data_dir, staging / DB_NAME, key_source)
        _check_database(Path(archive), staging / DB_NAME, config.office_code, staged_key)
        if folder.initialised() and folder.load().office_code != config.office_code:
            ours = folder.load().office_code
            raise HubError(
                f"FILE: bản sao lưu là hub của đơn vị {config.office_code}, hub này của đơn vị {ours}; "
                "không có gì thay đổi",
                f"FILE: the backup is the hub of office {config.office_code}, this hub is of office {ours}; "
                "nothing changed",
            )
        key = _this_pcs_key(data_dir, folder, staged_key, key_source)
        keys.rekey(staging / DB_NAME, staged_key, key)
        new_generation = _prepare(staging / DB_NAME, key)
        queue = restore_queue.settle(  # before the safety copy, which may move the old files aside
            staging / DB_NAME,
            folder.database if folder.database.exists() else None,
            config.office_code,
            str(manifest["generation"]) if manifest.get("generation") else None,
            _taken(manifest),
            (now or datetime.now(UTC)).astimezone(UTC),
            key,
        )
        safety = _safety_copy(data_dir, folder, key_source)
        _move_in(staging, folder)
    except OSError as exc:
        raise disk_error(folder.path, exc, "--data-dir", _KEPT) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        busy.release()
        lock.release()
    return Restored(config.office_code, str(manifest.get("taken_at", "")), new_generation, safety, queue)


def _taken(manifest: dict[str, object]) -> datetime:
    """When the backup was taken (its manifest; checked when unpacked)."""
    return datetime.strptime(str(manifest["taken_at"]), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _bad(archive: Path, vi: str, en: str) -> HubError:
    return HubError(f"FILE: {archive} không phải bản sao lưu hub dùng được ({vi}); không có gì thay đổi",
                    f"FILE: {archive} is not a usable hub backup ({en}); nothing changed")


def _unpack(archive: Path, staging: Path) -> tuple[dict[str, object], HubConfig]:
    if not archive.is_file():
        raise HubError(f"FILE: không có tệp {archive}", f"FILE: no such file {archive}")
    try:
        with zipfile.ZipFile(archive) as zf:
            names = set(zf.namelist())
            wanted = {MANIFEST, DB_NAME, *(p.name for p in side_files(HubFolder(staging)))}
            if not wanted <= names:
                raise _bad(archive, "thiếu " + ", ".join(sorted(wanted - names)), "missing " +
                           ", ".join(sorted(wanted - names)))
            staging.mkdir(mode=0o700)
            for name in sorted(wanted):  # only the names we know: nothing is written outside the staging folder
                target = staging / name
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                with os.fdopen(fd, "wb") as out, zf.open(name) as src:
                    shutil.copyfileobj(src, out, 1 << 20)  # zipfile checks each member's CRC at its end
                    out.flush()
                    os.fsync(out.fileno())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise _bad(archive, f"không đọc được: {exc}", f"unreadable: {exc}") from exc
    try:
        manifest = json.loads((staging / MANIFEST).read_text("utf-8"))
        config = HubFolder(staging).load()
    except (ValueError, TypeError) as exc:
        raise _bad(archive, "tệp mô tả hỏng", "damaged description files") from exc
    if manifest.get("format") != FORMAT or manifest.get("office_code") != config.office_code:
        raise _bad(archive, "tệp mô tả không khớp", "the description does not match")
    try:
        _taken(manifest)
    except (KeyError, ValueError) as exc:
        raise _bad(archive, "tệp mô tả không có thời điểm sao lưu", "the description has no time of backup") from exc
    return manifest, config


def _staged_key(archive: Path, data_dir: Path, path: Path, source: keys.KeySource) -> bytes | None:
    """The key that opens the archive's database: this PC's hub key, else the recovery key's (None: an old plain
    backup). Neither: one sentence naming what to give, nothing changed."""
    if cipher.is_plaintext(path):
        return None
    recovered = source.recovered()
    for key in (source.key(data_dir, create=False), recovered):
        if key is not None and keys.opens(path, key):
            return key
    if recovered is not None:
        raise HubError(
            f"--recovery-key-file: khóa khôi phục không mở được bản sao lưu {archive} (khóa của đơn vị khác, hoặc "
            "tệp hỏng); không có gì thay đổi",
            f"--recovery-key-file: the recovery key does not open the backup {archive} (another office's key, or a "
            "damaged file); nothing changed",
        )
    raise HubError(
        f"FILE: bản sao lưu {archive} được mã hóa bằng khóa của máy khác (hoặc tệp hỏng): khôi phục bằng "
        "“motcua hub restore TỆP --recovery-key-file TỆP_KHÓA” với khóa khôi phục của máy đã tạo nó; "
        "không có gì thay đổi",
        f"FILE: the backup {archive} is encrypted with another PC's key (or damaged): restore it with "
        "“motcua hub restore FILE --recovery-key-file KEYFILE” holding the recovery key of the PC that made it; "
        "nothing changed",
    )


def _this_pcs_key(data_dir: Path, folder: HubFolder, staged_key: bytes | None, source: keys.KeySource) -> bytes:
    """The key the restored hub will have: this PC's, else the recovery key's (a new PC adopts it: the sheet
    stays valid), else a new one. An older plain hub being replaced is encrypted with it first, so its safety
    copy is encrypted too."""
    if source.key(data_dir, create=False) is None:
        if staged_key is not None and staged_key == source.recovered():
            source.adopt_recovered(data_dir)
        else:
            source.key(data_dir, create=True)  # a new PC restoring its own plain backup, or a key store wiped
    key = keys.database_key(folder, source, holding_lock=True)  # the restore holds hub.lock
    if key is None:  # only without the lock; never here
        raise keys.missing_key(folder.database)
    return key


def _check_database(archive: Path, path: Path, office_code: str, key: bytes | None) -> None:
    try:
        conn = cipher.connect(path, key)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            office = conn.execute("SELECT 1 FROM offices WHERE code = ?", (office_code,)).fetchone()
            version = int(conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
        finally:
            conn.close()
    except (*cipher.error_types(), TypeError, ValueError) as exc:  # TypeError/ValueError: no or no usable version
        raise _bad(archive, f"cơ sở dữ liệu hỏng: {exc}", f"damaged database: {exc}") from exc
    if version > len(MIGRATIONS):
        raise HubError(
            f"FILE: {archive} do một bản MotCua mới hơn tạo (lược đồ hub phiên bản {version}, bản này chỉ đọc đến "
            f"phiên bản {len(MIGRATIONS)}): cập nhật MotCua trên máy này rồi khôi phục lại; không có gì thay đổi",
            f"FILE: {archive} was made by a newer MotCua (hub schema version {version}, this one reads up to "
            f"version {len(MIGRATIONS)}): update MotCua on this PC, then restore again; nothing changed",
        )
    if verdict != "ok":
        raise _bad(archive, f"cơ sở dữ liệu hỏng: {verdict}", f"damaged database: {verdict}")
    if office is None:
        raise _bad(archive, f"cơ sở dữ liệu không có đơn vị {office_code}",
                   f"the database has no office {office_code}")


def _prepare(database: Path, key: bytes) -> str:
    """Bring the staged database to this version's schema and give it a new generation; the generation."""
    db = Database("sqlite:///" + str(database), pool_size=1, key=key)
    try:
        migrate(db)  # an older backup: the appended steps, as `hub serve` would run them
        value = generation.renew(db)
    finally:
        db.close()  # the last connection: SQLite folds the WAL back in and removes it
    with contextlib.suppress(*cipher.error_types()):
        conn = cipher.connect(database, key)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
    return value


def _safety_copy(data_dir: Path, folder: HubFolder, key_source: keys.KeySource) -> Path | None:
    """The hub being replaced, kept: an archive when its database reads, else its files moved aside."""
    if not folder.database.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if folder.initialised():
        with contextlib.suppress(HubError):
            return backup_hub(data_dir, key_source=key_source, prefix="pre-restore-", locked=False)  # we hold the lock
    aside = Path(data_dir) / BACKUP_DIR / f"pre-restore-{stamp}-files"
    aside.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in _database_files(folder):
        if path.exists():
            os.replace(path, aside / path.name)
    return aside


def _database_files(folder: HubFolder) -> list[Path]:
    db = folder.database
    return [db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), db]


def _move_in(staging: Path, folder: HubFolder) -> None:
    for stale in _database_files(folder)[:2]:  # the old WAL must never be applied to the restored file
        stale.unlink(missing_ok=True)
    os.replace(staging / DB_NAME, folder.database)
    for path in side_files(folder):  # hub.json last
        os.replace(staging / path.name, path)
    if os.name == "posix":
        fd = os.open(folder.path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
