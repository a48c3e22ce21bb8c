"""Hostile outputs: a receipt, a log book, a backup written to a USB stick that was pulled out, or to a folder
that refuses writing.

What was found: ``--out /media/clerk/USB/so-theo-doi.pdf`` with the stick gone created the missing folders on the
PC's own disk, wrote the citizens' data there and said "written"; a read-only memory card was reported with the
temp file's name and the system's English text. Now the missing folder and the read-only one are each one line
naming the folder, and nothing is written anywhere.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import run_cli
from tests.helpers.raw import store_scalar

GOOD_ID = "001085012345"
EXPORTS = [
    ("print", "receipt", "{code}", "--out", "{out}.pdf"),
    ("export", "daily", "--date", "2026-11-16", "--format", "pdf", "--out", "{out}.pdf"),
    ("export", "range", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "xlsx", "--out", "{out}.xlsx"),
    ("backup", "--out", "{out}.bak"),
]


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    return code, capsys.readouterr().err


def _received(capsys: pytest.CaptureFixture[str], data_dir: Path) -> str:
    code, _ = run(capsys, data_dir, "dossier", "receive", "--procedure", "1.004873", "--name", "Lê An",
                  "--id-number", GOOD_ID)
    assert code == 0
    capsys.readouterr()
    return _last_code(data_dir)


def _last_code(data_dir: Path) -> str:
    return str(store_scalar(data_dir, "SELECT code FROM dossiers ORDER BY seq DESC LIMIT 1"))


@pytest.fixture
def readonly_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder that really refuses writes: a read-only tmpfs as root (root ignores modes), else mode 0555."""
    folder = tmp_path / "card"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0
        if not mounted:
            pytest.skip("root without mount: no folder here refuses a write")
    else:
        folder.chmod(0o555)
    try:
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)
        else:
            folder.chmod(0o755)


@pytest.mark.parametrize("args", EXPORTS, ids=lambda a: "-".join(a[:2]))
def test_a_pulled_out_usb_folder_is_refused_and_not_created(capsys, data_dir, tmp_path, args):
    code = _received(capsys, data_dir)
    gone = tmp_path / "media" / "USB"  # the mount point's folder, its drive removed
    out = gone / "motcua" / "tep"
    status, err = run(capsys, data_dir, *(a.format(code=code, out=out) for a in args))
    assert status == 2, err
    assert err.count("\n") == 1 and f"không có thư mục {gone / 'motcua'}" in err and "USB" in err
    assert not (tmp_path / "media").exists()


def test_the_refusal_reads_in_english_too(capsys, data_dir, tmp_path):
    code = _received(capsys, data_dir)
    out = tmp_path / "x" / "r.pdf"
    status, err = run(capsys, data_dir, "--lang", "en", "print", "receipt", code, "--out", str(out))
    assert status == 2 and err.startswith("Error: Output file (--out): there is no folder ")


@pytest.mark.parametrize("args", EXPORTS, ids=lambda a: "-".join(a[:2]))
def test_a_read_only_folder_is_named_and_nothing_is_left(capsys, data_dir, readonly_folder, args):
    code = _received(capsys, data_dir)
    status, err = run(capsys, data_dir, *(a.format(code=code, out=readonly_folder / "tep") for a in args))
    assert status == 3, err
    assert err.count("\n") == 1 and str(readonly_folder) in err
    assert ("chỉ đọc" in err or "không có quyền ghi" in err) and ".part" not in err
    assert list(readonly_folder.iterdir()) == []


def test_an_existing_folder_still_gets_the_file(capsys, data_dir, tmp_path):
    code = _received(capsys, data_dir)
    out = tmp_path / "r.pdf"
    assert run(capsys, data_dir, "print", "receipt", code, "--out", str(out))[0] == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
