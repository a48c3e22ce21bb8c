"""Runs ``motcua hub serve`` as a real process on 127.0.0.1 for tests and benchmarks (kill, restart)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from sync.client.pinning import PinnedAdapter
from sync.hub.folder import HubFolder
from sync.hub.tls import fingerprint
from tests.sync.pgserver import free_port
from tests.sync.serverproc import REPO


class HubProcess:
    def __init__(self, data_dir: Path, *, port: int | None = None, plain_http: bool = False) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.plain_http = plain_http
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / "hub-serve.log"

    @property
    def url(self) -> str:
        return f"{'http' if self.plain_http else 'https'}://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "app", "--data-dir", str(self.data_dir), "hub", "serve", "--host", "127.0.0.1",
               "--port", str(self.port), "--no-announce", "--log-level", "warning"]
        return cmd + (["--plain-http"] if self.plain_http else [])

    def start(self, timeout: float = 30.0) -> HubProcess:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(self.command(), stdout=log, stderr=log, env=env, cwd=REPO)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hub exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                with self.session() as session:
                    if session.get(self.url + "/health", timeout=1, verify=False).status_code == 200:
                        return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"hub did not start:\n{self.log_tail()}")

    def session(self) -> requests.Session:
        """A session that trusts this hub the way a device does: by its certificate's fingerprint."""
        session = requests.Session()
        if not self.plain_http:
            session.mount("https://", PinnedAdapter(fingerprint(HubFolder.of_data_dir(self.data_dir).cert)))
        return session

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def kill(self) -> None:
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
