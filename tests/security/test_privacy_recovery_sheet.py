"""The recovery sheet (the key that opens every backup of the office) is readable by its owner only, and goes
through the ``--out`` rules: it was written with a plain ``write_bytes`` (0644 under the usual umask: every account
on the PC could read the key, through a symbolic link too, over any file of that name without a word).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from app.cli import run_cli
from app.services.context import Actor
from app.services.recovery_key import show_again
from tests.conftest import OFFICE_CODE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_recovery_key_out_is_private_and_follows_the_out_rules(data_dir: Path, tmp_path: Path, capsys: Any) -> None:
    sheet = tmp_path / "khoa.pdf"
    old = os.umask(0o022)
    try:
        assert run_cli(["--data-dir", str(data_dir), "recovery-key", "--out", str(sheet)]) == 0
    finally:
        os.umask(old)
    assert sheet.read_bytes().startswith(b"%PDF") and _mode(sheet) == 0o600
    secret = tmp_path / "notes.txt"
    secret.write_text("mine", "utf-8")
    link = tmp_path / "link.pdf"
    link.symlink_to(secret)
    for target in (sheet, link):  # an existing file (no --force) and a link
        capsys.readouterr()
        assert run_cli(["--data-dir", str(data_dir), "recovery-key", "--out", str(target)]) == 2
        assert capsys.readouterr().err.startswith("Lỗi:")
    assert secret.read_text("utf-8") == "mine"


def test_init_refuses_a_bad_sheet_path_before_setting_anything_up(tmp_path: Path, capsys: Any) -> None:
    folder, sheet = tmp_path / "data", tmp_path / "there.pdf"
    sheet.write_bytes(b"someone's file")
    init = ["--data-dir", str(folder), "init", "--office-code", OFFICE_CODE, "--office-name", "UBND xã Thử",
            "--admin-password-file", os.environ["MOTCUA_ADMIN_PASSWORD_FILE"]]
    assert run_cli([*init, "--recovery-sheet", str(sheet)]) == 2
    assert capsys.readouterr().err.startswith("Lỗi:") and sheet.read_bytes() == b"someone's file"
    assert run_cli(init) == 0, "the office was not set up by the refused run"
    assert "Khóa khôi phục của đơn vị" in capsys.readouterr().out, "so its key is shown now, once"


@pytest.mark.gui
def test_the_window_saves_the_sheet_for_its_owner_only(ctx: Any, qtbot: Any, tmp_path: Path) -> None:
    from app.ui.recovery_key_dialog import RecoveryKeyDialog

    ctx.actor = Actor("admin", "Quản trị", "admin")
    dialog = RecoveryKeyDialog(show_again(ctx), None)
    qtbot.addWidget(dialog)
    path = tmp_path / "khoa-khoi-phuc.pdf"
    path.write_bytes(b"an older copy")
    os.chmod(path, 0o644)
    dialog.save_to(str(path))
    assert path.read_bytes().startswith(b"%PDF") and _mode(path) == 0o600
