"""``motcua selftest`` passes on a working install and says which step broke on a broken one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.services.selftest import run_selftest
from tests.installer.cli_helper import run


def test_every_store_check_passes() -> None:
    checks = run_selftest(with_qt=False)
    assert [c.name for c in checks] == ["store", "office", "receive", "render", "read-back", "backup"]
    assert all(c.ok for c in checks), checks


@pytest.mark.gui
def test_qt_check_starts_offscreen() -> None:
    checks = run_selftest(with_qt=True)
    assert checks[-1].name == "qt" and checks[-1].ok, checks[-1]


def test_missing_resources_fail_the_selftest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_RESOURCES_DIR", str(tmp_path))  # an install that lost its resources folder
    checks = run_selftest(with_qt=False)
    assert not checks[-1].ok and checks[-1].name == "store"


def test_cli_prints_each_check_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--lang", "en", "selftest", "--no-qt"]) == 0
    out = capsys.readouterr().out
    assert "ok   read-back" in out and out.rstrip().endswith("Selftest: passed")


def test_cli_exits_1_when_a_check_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOTCUA_RESOURCES_DIR", str(tmp_path))
    assert run(["selftest", "--no-qt", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["ok"] is False
