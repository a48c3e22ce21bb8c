"""Hostile network cases for an office: the PC set up with a proxy for the internet (Windows Internet Settings or
``HTTPS_PROXY``, usual in government offices). The hub on the LAN must be reached directly — a proxy on the
internet cannot reach ``192.168.1.10`` — while the province on the internet still goes through the proxy."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.context import Actor
from app.services.sync_bridge import build_engine
from sync.client.errors import ServerError
from sync.client.lan import on_local_network
from sync.client.queue_api import Answer
from sync.client.transport import Transport, TransportConfig
from sync.protocol.constants import API_PREFIX
from sync.server.db import Database
from tests.office.helpers import device, remote
from tests.sync.serverproc import CentralProcess

SUPERVISOR = Actor("giamsat", "Lê Văn Giám", "supervisor")


class RecordingProxy:
    """A proxy that answers 502 to everything and records the first line of each request it was sent."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.lines: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.lines.append(conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1"))
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordingProxy]:
    recorder = RecordingProxy()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, recorder.url)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    yield recorder
    recorder.sock.close()


@pytest.mark.slow
def test_a_pc_with_an_internet_proxy_enrols_queues_and_syncs_with_the_hub_directly(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path, proxy: RecordingProxy
) -> None:
    proc, db = hub
    ctx = device(store_template, tmp_path / "quay", db, proc.url, SUPERVISOR)  # enrols through the transport
    q = remote(ctx)
    q.set_counter(ctx, 1, ["A"])
    issued = q.issue_ticket(ctx, "A")
    assert q.call_next(ctx, 1).ticket.number == issued.ticket.number
    assert not q.degraded, "the hub was reached, not taken for down"
    build_engine(ctx.store, ctx.data_dir, ctx.clock).run_once()  # a round that fails raises
    assert proxy.lines == [], "nothing went to the proxy"
    ctx.store.close()


def test_the_province_on_the_internet_still_goes_through_the_pcs_proxy(proxy: RecordingProxy) -> None:
    t = Transport("http://motcua.province.example.vn", "tok", TransportConfig(attempts=1, connect_timeout=2))
    with pytest.raises(ServerError, match="502"):
        t.call("GET", API_PREFIX + "/changes", Answer)
    assert proxy.lines and proxy.lines[0].startswith("GET http://motcua.province.example.vn/v1/changes")
    t.close()


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("https://192.168.1.10:8443", True),
        ("https://10.0.0.5", True),
        ("https://172.16.3.4:8443", True),
        ("http://127.0.0.1:8080", True),
        ("https://[fe80::1]:8443", True),
        ("https://[::1]:8443", True),
        ("https://hub-pc.local:8443", True),
        ("https://HUB-PC:8443", True),
        ("https://localhost:8443", True),
        ("https://motcua.hanoi.gov.vn", False),
        ("https://203.113.7.9", False),
        ("https://8.8.8.8", False),
    ],
)
def test_which_addresses_are_the_office_network(url: str, local: bool) -> None:
    assert on_local_network(url) is local
