"""Writing a file the user named with ``--out``: never over the store, never over a file, never through a link.

Why one helper: ``motcua print receipt CODE --out <the live database>`` once overwrote the store and exited 0, and
``--out`` followed symbolic links anywhere. Every command that writes a user-named file goes through
:func:`output_file`, which refuses a target inside the data folder, a symbolic link, a device or pipe, and an
existing file unless ``force``; the content goes to a temp file beside the target and is published in one step,
with no-replace semantics (a hard link, which fails if the name appeared meanwhile) unless ``force``.

The folder must already be there: a missing one was created, so an export to a USB stick that had been pulled
out (``/media/…/USB/…``) or a mistyped folder went to a new folder on the PC's own disk and said "written". A
folder that refuses the write (read-only, no permission) is named as such, not by the temp file's name.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from app.domain.errors import ValidationError
from app.store.errors import EnvironmentStoreError


def _absolute(path: Path) -> Path:
    """Folders resolved (links in the folders the user named are the user's choice), the last name kept as is."""
    return Path(path).parent.resolve() / Path(path).name


def _not_link_or_folder(target: Path) -> None:
    if target.is_symlink():
        raise ValidationError(
            "out", f"{target} là liên kết tượng trưng (symlink); không ghi qua liên kết", f"{target} is a symbolic link"
        )
    if target.is_dir():
        raise ValidationError("out", f"{target} là một thư mục", f"{target} is a folder")
    if target.exists() and not target.is_file():
        # a device, a pipe, a socket: publishing by rename would replace it (as root, --out /dev/full --force
        # turned the device into a regular file and said "written")
        raise ValidationError(
            "out", f"{target} không phải tệp thường (thiết bị, đường ống…)", f"{target} is not a regular file"
        )


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def check_target(path: Path, data_dir: Path, force: bool = False) -> Path:
    """The absolute target, or a ValidationError on "out" saying why it is refused."""
    path = Path(path)
    target = _absolute(path)
    data = Path(data_dir).resolve()
    if not path.name or _inside(target, data) or _inside(target.resolve(), data):
        raise ValidationError(
            "out",
            f"không ghi vào thư mục dữ liệu {data}; hãy chọn nơi khác",
            f"refusing to write into the data folder {data}; choose another place",
        )
    _not_link_or_folder(target)
    if not target.parent.is_dir():
        raise ValidationError(
            "out",
            f"không có thư mục {target.parent} (ổ USB hoặc thẻ nhớ đã rút ra?); hãy chọn một thư mục có sẵn",
            f"there is no folder {target.parent} (a USB drive or memory card removed?); choose an existing folder",
        )
    if target.exists() and not force:
        raise ValidationError(
            "out",
            f"tệp {path} đã có; dùng --force để ghi đè",
            f"{path} already exists; use --force to overwrite it",
        )
    return target


@contextlib.contextmanager
def output_file(path: Path, data_dir: Path, force: bool = False, mode: int = 0o644) -> Iterator[Path]:
    """Yield a temp path to write to; on success it becomes ``path`` (checked by :func:`check_target`).
    ``mode`` 0o600 for what only its owner may read (the recovery sheet: the key to every backup)."""
    target = check_target(path, data_dir, force)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    _writable(tmp, mode)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _publish(tmp, target, force, mode)
    finally:
        tmp.unlink(missing_ok=True)


def _writable(tmp: Path, mode: int) -> None:
    """Create the temp file, or say that its folder refuses writing (read-only card, no permission)."""
    try:
        tmp.unlink(missing_ok=True)  # left by a killed run of this process id
        tmp.touch(mode, exist_ok=False)
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise
        why_vi = "chỉ đọc" if exc.errno == errno.EROFS else "không có quyền ghi"
        why_en = "is read-only" if exc.errno == errno.EROFS else "cannot be written (no permission)"
        raise EnvironmentStoreError(
            "readonly",
            f"Tệp kết quả (--out): thư mục {tmp.parent} {why_vi}; hãy chọn nơi khác (thẻ nhớ: gạt khóa ghi)",
            f"Output file (--out): the folder {tmp.parent} {why_en}; choose another place",
        ) from None


def _publish(tmp: Path, target: Path, force: bool, mode: int) -> None:
    if force:
        _not_link_or_folder(target)  # checked again just before: it may have changed while writing
        os.replace(tmp, target)  # replaces the name itself, never a link's destination
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise ValidationError(
            "out", f"tệp {target} vừa được tạo; dùng --force để ghi đè", f"{target} appeared meanwhile"
        ) from None
    except OSError:
        # File systems without hard links (FAT on a USB stick): exclusive create, which also refuses a link.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(target, flags, mode)
        with os.fdopen(fd, "wb") as out, open(tmp, "rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())


def write_output(path: Path, data: bytes, data_dir: Path, force: bool = False, mode: int = 0o644) -> Path:
    """Write ``data`` to a user-named ``path`` under the rules above; returns the path written."""
    with output_file(path, data_dir, force, mode) as tmp:
        tmp.write_bytes(data)
    return _absolute(path)
