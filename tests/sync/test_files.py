"""``sync.files.write_atomic``: the whole new content or the old one, owner-only, over a stale temp file."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from sync.files import write_atomic


def test_writes_replaces_and_keeps_rights_narrow(tmp_path: Path) -> None:
    target = tmp_path / "hub.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    (tmp_path / "hub.json.tmp").write_text("half of a crashed write")  # left by a power cut
    big = os.urandom(3 * 1024 * 1024)
    write_atomic(target, big)
    assert target.read_bytes() == big and not (tmp_path / "hub.json.tmp").exists()
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX rights")
def test_an_unwritable_folder_leaves_the_old_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    target = tmp_path / "token"
    write_atomic(target, b"first")
    os.chmod(tmp_path, 0o500)
    try:
        with pytest.raises(PermissionError):
            write_atomic(target, b"second")
    finally:
        os.chmod(tmp_path, 0o700)
    assert target.read_bytes() == b"first"
