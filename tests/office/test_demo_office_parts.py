"""The demo office's small parts: the command that starts this program again (a checkout, the Windows launcher's
Python, a frozen build), and when a demo folder is reused or built again."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from app.services import demo_children
from app.services.demo_office import PCS, Layout, existing, free_port


def test_a_child_is_this_python_running_the_module_or_the_frozen_program_itself(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert demo_children.program("app") == [sys.executable, "-m", "app"]
    assert demo_children.program("sync.server.cli")[1:] == ["-m", "sync.server.cli"]
    assert demo_children.servers_available()

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "motcua"))
    assert demo_children.program("app", gui=True) == [str(tmp_path / "motcua")]
    with pytest.raises(RuntimeError):
        demo_children.program("sync.server.cli")
    assert not demo_children.servers_available(), "a frozen build carries no server: the demo says so"


def test_the_windows_launchers_python_starts_windows_with_pythonw(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    (tmp_path / "python.exe").touch()
    (tmp_path / "pythonw.exe").touch()
    monkeypatch.setattr(demo_children, "on_windows", lambda: True)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python.exe"))
    assert demo_children.program("app", gui=True) == [str(tmp_path / "pythonw.exe"), "-m", "app"]
    assert demo_children.program("app") == [str(tmp_path / "python.exe"), "-m", "app"]


def _built(root: Path) -> Layout:
    layout = Layout(root, free_port(), free_port())
    for name in PCS:
        layout.pc(name).mkdir(parents=True)
    layout.save()
    return layout


def test_a_finished_build_is_reused_an_unfinished_or_damaged_one_is_not(tmp_path: Path) -> None:
    layout = _built(tmp_path / "done")
    assert existing(layout.root) == layout
    assert existing(tmp_path / "nothing") is None
    interrupted = _built(tmp_path / "interrupted")
    (interrupted.root / "office.json").unlink()  # written last: its absence is a build cut short
    assert existing(interrupted.root) is None
    damaged = _built(tmp_path / "damaged")
    (damaged.root / "office.json").write_text("{not json", "utf-8")
    assert existing(damaged.root) is None
    missing_pc = _built(tmp_path / "missing")
    (missing_pc.pc("kiosk")).rmdir()
    assert existing(missing_pc.root) is None


def test_a_port_another_program_holds_means_building_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    layout = _built(tmp_path / "office")
    monkeypatch.setattr("app.services.demo_office.PORT_WAIT_S", 0.3)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", layout.hub_port))
        taken.listen()
        assert existing(layout.root) is None
    assert existing(layout.root) == layout


def test_a_folder_with_other_data_is_refused_and_left_as_it_was(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli.demo_office_cmd import run_demo_office

    before = sorted(p.name for p in data_dir.rglob("*"))
    assert run_demo_office(["--demo-office", "--data-dir", str(data_dir), "--lang", "en"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: --data-dir:") and "not the demo office's" in err and "\n" not in err
    assert sorted(p.name for p in data_dir.rglob("*")) == before, "nothing written, nothing removed"

    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert run_demo_office(["--demo-office", "--data-dir", str(a_file)]) == 2
    assert "là một tệp" in capsys.readouterr().err


def test_a_build_without_the_server_says_so_and_makes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import demo_office_cmd

    monkeypatch.setattr(demo_office_cmd, "servers_available", lambda: False)
    assert demo_office_cmd.run_demo_office(["--demo-office", "--data-dir", str(tmp_path / "demo"), "--lang", "en"]) == 3
    assert "carries no server" in capsys.readouterr().err
    assert not (tmp_path / "demo").exists()
