"""Run a loop in a real child process, read what it prints, and kill -9 it mid-loop (durability tests)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def kill_9_after(script: str, data_dir: Path, lines: int, timeout_s: float = 60) -> list[str]:
    """Start ``python -c script data_dir``, collect at least ``lines`` printed lines, SIGKILL it, return them all.

    Lines still buffered in the pipe when it dies are kept: the child flushes each line only after its commit,
    so every returned line stands for something it reported as done.
    """
    proc = subprocess.Popen([sys.executable, "-c", script, str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    printed: list[str] = []
    deadline = time.monotonic() + timeout_s
    while len(printed) < lines and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            printed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    printed += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    proc.stdout.close()
    assert len(printed) >= lines, f"the loop printed only {len(printed)} lines"
    return printed


# The head of a child script killed at one named step of a stepped job (``on_step`` callbacks): ``.format(step=…)``.
STOP_AT_STEP = """
import sys, time

def on_step(name):
    sys.stdout.write(name + "\\n")
    sys.stdout.flush()
    if name == {step!r}:
        time.sleep(600)  # killed here
"""
