"""The removable-drive check behind the warning before a personal-data export."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.services.removable import is_removable, linux_disk_is_removable, removable_warning


def _sysfs(root: Path, disk: str, removable: str, bus: str = "pci0000:00/0000:00:1f.2/ata1") -> None:
    device = root / "devices" / bus / disk
    device.mkdir(parents=True)
    block = root / "block" / disk
    block.mkdir(parents=True)
    (block / "removable").write_text(removable + "\n")
    (block / "device").symlink_to(device)


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux sysfs reading")
def test_linux_sysfs_says_which_disks_are_removable(tmp_path):
    _sysfs(tmp_path, "sda", "0")
    _sysfs(tmp_path, "sdb", "1")
    _sysfs(tmp_path, "sdc", "0", bus="pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6")  # a USB disk says 0
    _sysfs(tmp_path, "mmcblk0", "1")
    assert not linux_disk_is_removable("/dev/sda2", tmp_path)
    assert linux_disk_is_removable("/dev/sdb1", tmp_path)
    assert linux_disk_is_removable("/dev/sdc1", tmp_path)
    assert linux_disk_is_removable("/dev/mmcblk0p1", tmp_path)
    assert not linux_disk_is_removable("/dev/nvme0n1p3", tmp_path), "unknown disk: no warning, no failure"


def test_the_data_folder_disk_is_not_removable_and_gives_no_warning(tmp_path):
    assert not is_removable(tmp_path / "not" / "yet" / "there.csv")
    assert removable_warning(tmp_path / "log.csv") is None
