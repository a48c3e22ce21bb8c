"""The HTTP transport: retries, error mapping, gzip, clock offset, TLS checking, the token file, backoff.

A tiny HTTP(S) server in a thread plays the central server's part where a real one cannot misbehave on cue.
"""

from __future__ import annotations

import json
import random
import shutil
import ssl
import stat
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sync.client import api
from sync.client.backoff import Backoff
from sync.client.credentials import TokenFile
from sync.client.errors import AuthError, CertificateError, OfflineError, RejectedError, ServerError
from sync.client.status import status_of
from sync.client.store import OutboxCounts, SyncState
from sync.client.transport import Transport, TransportConfig
from sync.protocol.models import Health
from sync.protocol.timefmt import format_utc
from tests.sync.pgserver import free_port


class Scripted(BaseHTTPRequestHandler):
    """Answers with ``server.answer`` (status, body bytes) and notes what came in."""

    server: Any

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.server.seen.append((self.command, self.path, dict(self.headers), self.rfile.read(length)))
        status, body = self.server.answer
        self.send_response(status)
        shifted = datetime.now(UTC) + timedelta(seconds=self.server.clock_shift)
        self.send_header("X-Server-Time", format_utc(shifted))
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _reply

    def log_message(self, *args: Any) -> None:
        pass


HEALTH = json.dumps({"status": "ok", "protocol": 1, "server_time": "2025-07-01T00:00:00.000Z"}).encode()


def _serve(context: ssl.SSLContext | None = None) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Scripted)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    server.seen, server.answer, server.clock_shift = [], (200, HEALTH), 0.0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def tiny() -> Iterator[ThreadingHTTPServer]:
    yield from _serve()


def url(server: ThreadingHTTPServer, scheme: str = "http") -> str:
    return f"{scheme}://127.0.0.1:{server.server_address[1]}"


def test_no_answer_is_offline_after_jittered_retries() -> None:
    sleeps: list[float] = []
    t = Transport(
        f"http://127.0.0.1:{free_port()}",
        config=TransportConfig(attempts=3, backoff_base=0.4),
        sleep=sleeps.append,
        rng=random.Random(1),
    )
    with pytest.raises(OfflineError) as caught:
        api.health(t, attempts=3)
    assert caught.value.code == "offline" and "mạng" in caught.value.user_message("vi")
    assert len(sleeps) == 2 and 0.2 <= sleeps[0] <= 0.4 and 0.4 <= sleeps[1] <= 0.8


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (401, b'{"error":"token_revoked","message":"revoked"}', AuthError),
        (413, b'{"error":"body_too_large","message":"too big"}', RejectedError),
        (503, b"<html>busy</html>", ServerError),
        (200, b'{"status": "ok"', ServerError),  # a cut answer
        (200, b'{"status": "ok"}', ServerError),  # not the protocol's shape
    ],
)
def test_answers_map_to_typed_errors(tiny: ThreadingHTTPServer, status: int, body: bytes, error: type) -> None:
    tiny.answer = (status, body)  # type: ignore[attr-defined]
    with pytest.raises(error) as caught:
        api.health(Transport(url(tiny), config=TransportConfig(attempts=2, backoff_base=0.001)), attempts=2)
    assert caught.value.status == status
    if status == 401:
        assert caught.value.revoked
    retried = 2 if error is ServerError else 1
    assert len(tiny.seen) == retried  # type: ignore[attr-defined]


def test_big_bodies_go_gzipped_small_ones_plain(tiny: ThreadingHTTPServer) -> None:
    tiny.answer = (200, b'{"results": [], "server_time": "2025-07-01T00:00:00.000Z"}')  # type: ignore[attr-defined]
    t = Transport(url(tiny), "tok")
    api.push(t, [b'{"id":"1"}'])
    api.push(t, [json.dumps({"notes": "Nguyễn " * 500}).encode()])
    (_, _, small, raw_small), (_, _, big, raw_big) = tiny.seen  # type: ignore[attr-defined]
    assert "Content-Encoding" not in small and big["Content-Encoding"] == "gzip"
    assert big["Authorization"] == "Bearer tok" and len(raw_big) < 300 and t.bytes_sent == len(raw_small) + len(raw_big)


def test_the_clock_offset_is_measured_and_warned_about(tiny: ThreadingHTTPServer) -> None:
    tiny.clock_shift = 600.0  # type: ignore[attr-defined]
    t = Transport(url(tiny))
    assert isinstance(api.health(t), Health)
    assert t.clock_offset is not None and abs(t.clock_offset - 600) < 2
    state = SyncState(clock_offset_s=t.clock_offset, last_sync_at="x")
    assert status_of(state, OutboxCounts(0, 0), enrolled=True).clock_warning


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed to make a test certificate")
def test_tls_is_verified_and_a_custom_ca_bundle_can_be_trusted(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    for server in _serve(context):
        with pytest.raises(CertificateError):
            api.health(Transport(url(server, "https")))
        trusted = Transport(url(server, "https"), config=TransportConfig(ca_bundle=str(cert)))
        assert api.health(trusted).status == "ok"


def test_the_token_file_is_readable_only_by_its_user(tmp_path: Path) -> None:
    tokens = TokenFile(tmp_path / "sub" / "sync.token")
    assert tokens.load() is None
    tokens.save("mc1_first")
    tokens.save("mc1_second")
    assert tokens.load() == "mc1_second"
    assert stat.S_IMODE(tokens.path.stat().st_mode) == 0o600
    assert [p.name for p in tokens.path.parent.iterdir()] == ["sync.token"]
    tokens.clear()
    tokens.clear()
    assert tokens.load() is None


def test_backoff_doubles_with_jitter_up_to_the_cap_and_resets() -> None:
    backoff = Backoff(base=1.0, cap=10.0, rng=random.Random(3))
    delays = [backoff.next_delay() for _ in range(6)]
    windows = [1, 2, 4, 8, 10, 10]
    assert all(w / 2 <= d <= w for d, w in zip(delays, windows, strict=True))
    backoff.reset()
    assert backoff.next_delay() <= 1.0
