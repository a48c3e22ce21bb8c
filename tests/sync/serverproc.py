"""Runs ``motcua-central serve`` as a real process on 127.0.0.1 for tests and benchmarks (kill, restart)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.sync.pgserver import free_port
from tests.sync.tlscerts import TlsFiles

REPO = Path(__file__).resolve().parents[2]


class CentralProcess:
    def __init__(
        self,
        db_url: str,
        log_path: Path,
        *,
        port: int | None = None,
        args: tuple[str, ...] = (),
        tls: TlsFiles | None = None,
    ) -> None:
        self.db_url = db_url
        self.log_path = log_path
        self.port = port or free_port()
        self.args = args
        self.tls = tls  # HTTPS with this certificate; the health probe pins its CA
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> CentralProcess:
        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        cmd = [
            sys.executable,
            "-m",
            "sync.server.cli",
            "serve",
            "--database-url",
            self.db_url,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            *self.args,
        ]
        if self.tls:
            cmd += ["--ssl-certfile", str(self.tls.cert), "--ssl-keyfile", str(self.tls.key)]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=env, cwd=REPO)
        deadline = time.monotonic() + timeout
        verify = str(self.tls.ca) if self.tls else True
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                if requests.get(self.url + "/health", timeout=1, verify=verify).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"server did not start:\n{self.log_tail()}")

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
