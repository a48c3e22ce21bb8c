"""A full disk is told as a full disk. SQLite reports a -shm or -wal it cannot grow as "disk I/O error" or "unable to
open", which the clerk read as "Lỗi đọc/ghi đĩa" and could not act on; and a receive on a full disk writes nothing,
and works again once space is freed.

Real: the data folder on a small tmpfs filled up (needs the right to mount, as root on this machine and in CI;
skipped where mounting is not allowed).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import run_cli

RECEIVE = ("dossier", "receive", "--procedure", "1.004873", "--id-number", "001085012345", "--name")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], capture_output=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave: int = 0) -> Path:
    filler = disk / "filler"
    with open(filler, "wb") as fh:
        free = shutil.disk_usage(disk).free - leave
        while free > 0:
            try:
                fh.write(b"\0" * min(free, 1 << 16))
                fh.flush()
            except OSError:
                break
            free = shutil.disk_usage(disk).free - leave
    return filler


def count(capsys: pytest.CaptureFixture[str], data: Path) -> int:
    assert run_cli(["--data-dir", str(data), "dossier", "list", "--json"]) == 0
    return capsys.readouterr().out.count('"code"')


def test_a_receive_on_a_full_disk_says_so_writes_nothing_and_works_after(
    small_disk: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = small_disk / "data"
    shutil.copytree(data_dir, data)
    assert run_cli(["--data-dir", str(data), *RECEIVE, "Lê An"]) == 0
    capsys.readouterr()
    filler = fill(small_disk)
    for name in ("Trần Bình", "Phạm Chi"):
        assert run_cli(["--data-dir", str(data), *RECEIVE, name]) == 3
        err = capsys.readouterr().err
        assert "Ổ đĩa đã đầy" in err and "đọc/ghi" not in err, err
    filler.unlink()
    assert count(capsys, data) == 1  # nothing of the refused ones
    assert run_cli(["--data-dir", str(data), *RECEIVE, "Trần Bình"]) == 0
    capsys.readouterr()
    assert count(capsys, data) == 2
    assert run_cli(["--data-dir", str(data), "audit", "verify"]) == 0
