"""Is a path on a removable drive? Asked before a supervisor saves personal data (log book, letters) to a file.

A USB stick is the copy most often lost. On Windows ``psutil`` marks removable drives in a partition's options;
on Linux the kernel says so in ``/sys/block/<disk>/removable`` (or the disk hangs off a USB bus). Elsewhere, or
when nothing can be told, the answer is False: the warning is a help, not a guard.
"""

from __future__ import annotations

import os
import re
from pathlib import Path


def _mount_of(path: Path) -> tuple[str, str, str] | None:
    """(device, mountpoint, opts) of the partition holding ``path``: the longest mountpoint that contains it."""
    import psutil

    target = os.path.normcase(str(Path(path).resolve()))
    best: tuple[str, str, str] | None = None
    for part in psutil.disk_partitions(all=False):
        mount = os.path.normcase(part.mountpoint)
        inside = target == mount or target.startswith(mount.rstrip("\\/") + os.sep)
        if inside and (best is None or len(mount) > len(os.path.normcase(best[1]))):
            best = (part.device, part.mountpoint, part.opts)
    return best


def linux_disk_is_removable(device: str, sys_root: Path = Path("/sys")) -> bool:
    """``/dev/sdb1`` → is disk ``sdb`` removable or on USB, per ``sys_root`` (``/sys``, or a copy in a test)?"""
    name = Path(device).name
    whole = re.fullmatch(r"(mmcblk\d+|nvme\d+n\d+)(p\d+)?", name)
    disk = whole.group(1) if whole else re.sub(r"(?<=[a-z])\d+$", "", name)
    block = sys_root / "block" / disk
    try:
        if (block / "removable").read_text().strip() == "1":
            return True
        return "/usb" in str((block / "device").resolve())
    except OSError:
        return False


def is_removable(path: Path) -> bool:
    """True when ``path`` (or the folder it would be written in) is on a removable drive."""
    probe = Path(path)
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        found = _mount_of(probe)
    except (OSError, RuntimeError):
        return False
    if found is None:
        return False
    device, _mount, opts = found
    if os.name == "nt":
        return "removable" in opts.split(",")
    if device.startswith("/dev/"):
        return linux_disk_is_removable(device)
    return False


def removable_warning(path: Path) -> tuple[str, str] | None:
    """The warning to show before writing personal data to ``path``, or None when it is not removable."""
    if not is_removable(path):
        return None
    return (
        f"{path} nằm trên ổ di động (USB, thẻ nhớ): tệp chứa dữ liệu cá nhân của công dân, không được mã hóa; "
        "giữ ổ cẩn thận và xóa tệp khi không còn cần",
        f"{path} is on a removable drive (USB stick, memory card): the file holds citizens' personal data, "
        "unencrypted; keep the drive safe and delete the file when no longer needed",
    )
