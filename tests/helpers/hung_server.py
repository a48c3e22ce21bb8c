"""A "hub" that accepts TCP connections and never answers: a frozen PC, a half-dead Wi-Fi bridge.

Why a real socket and not a mock: what the clerk suffers from is the client's real timeouts on a real
connection that stays open; the kernel accepts (the listen backlog) and nothing comes back. ``close()``
drops every connection and the listening socket, so a read still waiting ends at once (refused, reset) and
the test's teardown does not wait for a timeout.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class HungServer:
    """Listens on 127.0.0.1 (a free port), accepts, reads nothing, answers nothing."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=32)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.accepted: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, name="hung-hub", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return  # closed
            with self._lock:
                self.accepted.append(conn)

    def connections(self) -> int:
        with self._lock:
            return len(self.accepted)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._thread.join(2)
        with self._lock:
            for conn in self.accepted:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self.accepted.clear()
