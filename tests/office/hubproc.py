"""Runs ``motcua hub serve`` as a real process on 127.0.0.1 for tests and benchmarks (kill, restart); the
process handling is :class:`tests.sync.serverproc.ServerProcess`, shared with the central server's."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import requests

from sync.client.pinning import PinnedAdapter
from sync.hub.folder import HubFolder
from sync.hub.tls import fingerprint
from tests.sync.serverproc import REPO, ServerProcess, probe


class HubProcess(ServerProcess):
    name = "hub"

    def __init__(self, data_dir: Path, *, port: int | None = None, plain_http: bool = False) -> None:
        super().__init__(data_dir / "hub-serve.log", port)
        self.data_dir = data_dir
        self.plain_http = plain_http

    @property
    def url(self) -> str:
        return f"{'http' if self.plain_http else 'https'}://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "app", "--data-dir", str(self.data_dir), "hub", "serve", "--host", "127.0.0.1",
               "--port", str(self.port), "--no-announce", "--log-level", "warning"]
        return cmd + (["--plain-http"] if self.plain_http else [])

    def healthy(self) -> bool:
        return probe(self.url, False, self.session)

    def start(self, timeout: float = 30.0) -> HubProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._launch(timeout, {**os.environ, "PYTHONPATH": str(REPO)})
        return self

    def session(self) -> requests.Session:
        """A session that trusts this hub the way a device does: by its certificate's fingerprint."""
        session = requests.Session()
        if not self.plain_http:
            session.mount("https://", PinnedAdapter(fingerprint(HubFolder.of_data_dir(self.data_dir).cert)))
        return session
