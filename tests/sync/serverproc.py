"""Runs ``motcua-central serve`` as a real process on 127.0.0.1 for tests and benchmarks (kill, restart).

:class:`ServerProcess` is the part every such process shares (start and wait for ``/health``, log tail, SIGKILL,
stop); the office hub's process (``tests/office/hubproc.py``) is the same thing with another command line.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests

from tests.sync.pgserver import free_port
from tests.sync.tlscerts import TlsFiles

REPO = Path(__file__).resolve().parents[2]


class ServerProcess:
    """One server process: ``start`` runs ``command()`` and waits until ``healthy()`` answers."""

    name = "server"

    def __init__(self, log_path: Path, port: int | None = None, repo: Path = REPO) -> None:
        self.log_path = log_path
        self.port = port or free_port()
        self.repo = repo  # the checkout whose code runs (a benchmark may compare another)
        self.proc: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def healthy(self) -> bool:
        """One probe of ``/health`` (raises requests' errors while the server is not up yet)."""
        raise NotImplementedError

    def _launch(self, timeout: float, env: dict[str, str]) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(self.command(), stdout=log, stderr=log, env=env, cwd=self.repo)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                if self.healthy():
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"{self.name} did not start:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def kill(self) -> None:
        """SIGKILL: no shutdown, whatever is in flight is cut."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def probe(url: str, verify: bool | str = True, session: Callable[[], requests.Session] = requests.Session) -> bool:
    with session() as s:
        return s.get(url + "/health", timeout=1, verify=verify).status_code == 200


class CentralProcess(ServerProcess):
    def __init__(
        self,
        db_url: str,
        log_path: Path,
        *,
        port: int | None = None,
        args: tuple[str, ...] = (),
        tls: TlsFiles | None = None,
        repo: Path = REPO,
    ) -> None:
        super().__init__(log_path, port, repo)
        self.db_url = db_url
        self.args = args
        self.tls = tls  # HTTPS with this certificate; the health probe pins its CA

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "sync.server.cli", "serve", "--database-url", self.db_url,
               "--host", "127.0.0.1", "--port", str(self.port), *self.args]
        if self.tls:
            cmd += ["--ssl-certfile", str(self.tls.cert), "--ssl-keyfile", str(self.tls.key)]
        return cmd

    def healthy(self) -> bool:
        return probe(self.url, str(self.tls.ca) if self.tls else True)

    def start(self, timeout: float = 30.0) -> CentralProcess:
        path = str(self.repo) + os.pathsep + os.environ.get("PYTHONPATH", "")
        self._launch(timeout, {**os.environ, "PYTHONPATH": path})
        return self
