"""``motcua --demo-office`` for real: the caretaker process builds the office (a province, an HTTPS hub, two
counters, a kiosk and a screen, all enrolled), starts the servers and the four windows as separate processes
(offscreen); a ticket taken at the kiosk PC is called at counter 2's PC through the hub; killing counter 1's
window ends the demo with every process stopped. A second start reuses the folder, a third one while it runs
is refused, and a SIGKILLed caretaker leaves no process behind."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from app.cli import run_cli
from tests.sync.serverproc import REPO

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PDEATHSIG")]
READY_S = 240.0


def _start(root: Path, *extra: str) -> tuple[subprocess.Popen[str], list[str]]:
    """The caretaker, read until it says READY (or ends); returns it and the lines it printed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "app", "--demo-office", "--data-dir", str(root), "--lang", "en",
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO)
    lines: list[str] = []
    deadline = time.monotonic() + READY_S
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip())
        if line.startswith("READY"):
            return proc, lines
    proc.kill()
    raise AssertionError("\n".join(lines))


def _children(proc: subprocess.Popen[str]) -> dict[str, psutil.Process]:
    """The caretaker's children by role: the data folder (or server) each was started for."""
    found = {}
    for child in psutil.Process(proc.pid).children():
        cmd = child.cmdline()
        if "sync.server.cli" in cmd:
            found["province"] = child
        elif "hub" in cmd:
            found["hub"] = child
        else:
            found[Path(cmd[cmd.index("--data-dir") + 1]).name] = child
    return found


def _gone(processes: list[psutil.Process], timeout: float = 20.0) -> list[psutil.Process]:
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    return alive


def _motcua(data_dir: Path, *argv: str) -> Any:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(["--data-dir", str(data_dir), "--lang", "en", *argv, "--json"])
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


@pytest.fixture
def root(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "demo-office"
    for p in psutil.process_iter(["cmdline"]):  # never leave a stray process behind a failed test
        if str(tmp_path) in " ".join(p.info["cmdline"] or []):
            with contextlib.suppress(psutil.Error):
                p.kill()


def test_the_demo_office_runs_four_pcs_around_a_hub_and_stops_them_all(root: Path) -> None:
    proc, lines = _start(root)
    assert any(line.startswith("Building the demo office") for line in lines), lines
    assert any("sign in: admin / motcua-demo" in line and "https://127.0.0.1:" in line for line in lines), lines
    children = _children(proc)
    assert set(children) == {"province", "hub", "counter-1", "counter-2", "kiosk", "screen"}, children

    waiting = _motcua(root / "counter-2", "ticket", "list")
    assert len(waiting) >= 4, "the demo's morning: tickets waiting on the hub"
    issued = _motcua(root / "kiosk", "ticket", "issue", "--service", "B", "--priority", "elderly")
    called = _motcua(root / "counter-2", "ticket", "call", "--counter", "2")
    assert called["number"] == issued["number"] and called["counter"] == 2, (issued, called)
    codes_1 = {d["code"] for d in _motcua(root / "counter-1", "dossier", "list")}
    codes_2 = {d["code"] for d in _motcua(root / "counter-2", "dossier", "list")}
    assert codes_1 == codes_2 and len(codes_1) > 20, "each counter holds the other's dossiers (through the hub)"

    children["counter-1"].kill()  # the first window, killed: the whole demo ends
    assert proc.wait(60) == 0
    assert _gone(list(children.values())) == [], "no orphans"
    assert proc.stdout is not None and "Demo office stopped" in proc.stdout.read()
    proc.stdout.close()

    again, lines = _start(root, "--no-windows")
    assert any(line.startswith("Reusing the demo office") for line in lines), lines
    servers = _children(again)
    assert set(servers) == {"province", "hub"}
    third = subprocess.run([sys.executable, "-m", "app", "--demo-office", "--data-dir", str(root), "--lang", "en"],
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO,
                           timeout=60)
    assert third.returncode == 3 and "already running" in third.stdout, third
    again.kill()  # the caretaker SIGKILLed: the OS takes its children with it
    again.wait(10)
    assert again.stdout is not None
    again.stdout.close()
    assert _gone(list(servers.values()), timeout=10) == [], "no orphans after a SIGKILL"
