"""The maintenance commands end to end on a real data folder: backup-auto, backup-list, copy folder, diagnostics."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.installer.cli_helper import run


def out_json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


def test_backup_auto_then_skip_then_list(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--data-dir", str(data_dir), "backup-auto", "--json"]) == 0
    made = out_json(capsys)["made"]
    assert made and Path(made).is_file()
    assert run(["--data-dir", str(data_dir), "backup-auto", "--json"]) == 0
    assert out_json(capsys)["skipped"] is True
    assert run(["--data-dir", str(data_dir), "backup-list", "--json"]) == 0
    assert [b["path"] for b in out_json(capsys)["backups"]] == [made]


def test_copy_folder_setting_and_missing_stick(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "usb"
    assert run(["--data-dir", str(data_dir), "backup-copy-folder", str(stick), "--json"]) == 0
    assert out_json(capsys)["copy_to"] == str(stick)
    assert run(["--data-dir", str(data_dir), "--lang", "en", "backup-auto"]) == 0  # the stick is not plugged in
    assert "Warning: The second backup folder" in capsys.readouterr().out
    stick.mkdir()
    assert run(["--data-dir", str(data_dir), "backup-auto", "--force", "--json"]) == 0
    assert Path(out_json(capsys)["copied_to"]).parent == stick / "MotCua-backups"
    assert run(["--data-dir", str(data_dir), "backup-copy-folder", "--clear", "--json"]) == 0
    assert out_json(capsys)["copy_to"] is None


def test_diagnostics_command_writes_a_zip(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "diag.zip"
    assert run(["--data-dir", str(data_dir), "diagnostics", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        assert {"versions.json", "store.json"} <= set(zf.namelist())
