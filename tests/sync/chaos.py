"""A small HTTP-aware TCP proxy on 127.0.0.1 that breaks requests on purpose.

tc netem would need a network namespace per test; this proxy gives the same faults where they matter, per
request: delays, a slow link, lost or cut answers, cut requests, 500s, duplicated and held-back (reordered)
deliveries, and a hook to kill the server while it works on a request. A policy picks the action per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from tests.sync.pgserver import free_port


@dataclass(frozen=True)
class Action:
    kind: str = "forward"  # forward | reset | status_500 | forward_then_500 | drop_response | truncate_response
    #                        | truncate_request | duplicate | hold
    delay: float = 0.0  # before the request goes on
    bandwidth: float | None = None  # bytes per second for the answer (a slow link)
    on_sent: Callable[[], None] | None = None  # runs once the request reached the server (e.g. kill it)


FORWARD = Action()
Policy = Callable[[int, bytes], Action]
_BODY_500 = b'{"error":"internal_error","message":"injected by the test proxy"}'
_ERROR_500 = (
    b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\n"
    + b"content-length: %d\r\n\r\n" % len(_BODY_500)
    + _BODY_500
)


def _set_close(head: bytes) -> bytes:
    lines = [ln for ln in head.rstrip(b"\r\n").split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n"


def _keep_alive(response: bytes) -> bytes:
    head, sep, body = response.partition(b"\r\n\r\n")
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join(lines) + sep + body


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


class ChaosProxy:
    def __init__(self, upstream_port: int, policy: Policy | None = None) -> None:
        self.upstream_port = upstream_port
        self.policy: Policy = policy or (lambda n, head: FORWARD)
        self.port = free_port()
        self.held: list[bytes] = []
        self.seen: list[tuple[int, str, str]] = []  # (number, request line, action)
        self.connections = 0  # connections the devices opened to the proxy
        self._count = 0
        self.bytes_up = 0  # device → proxy, headers included (what a link would carry)
        self.bytes_down = 0  # answers relayed to the device
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="chaos-proxy", daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ChaosProxy:
        self._thread.start()
        coro = asyncio.start_server(self._handle, "127.0.0.1", self.port)
        self._server = asyncio.run_coroutine_threadsafe(coro, self._loop).result(5)
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            for task in self._tasks:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            for _ in range(3):  # let the transports finish closing
                await asyncio.sleep(0)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def release_held(self) -> int:
        """Deliver the held-back requests now, late and in order; their answers go nowhere."""

        async def replay() -> int:
            held, self.held = self.held, []
            for raw in held:
                head, _, body = raw.partition(b"\r\n\r\n")
                await self._forward(head + b"\r\n\r\n", body, None)
            return len(held)

        return asyncio.run_coroutine_threadsafe(replay(), self._loop).result(30)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        self.connections += 1
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                    body = await reader.readexactly(_content_length(head))
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                self._count += 1
                self.bytes_up += len(head) + len(body)
                action = self.policy(self._count, head)
                self.seen.append((self._count, head.split(b"\r\n")[0].decode(), action.kind))
                if not await self._apply(action, head, body, writer):
                    return
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            with contextlib.suppress(Exception):
                writer.close()

    async def _apply(self, action: Action, head: bytes, body: bytes, writer: asyncio.StreamWriter) -> bool:
        """Carry out one action; False closes the device's connection."""
        if action.delay:
            await asyncio.sleep(action.delay)
        kind = action.kind
        if kind == "reset":
            return False
        if kind == "status_500":
            writer.write(_ERROR_500)
            await writer.drain()
            return True
        if kind == "hold":
            self.held.append(_set_close(head) + body)
            return False
        if kind == "truncate_request":
            await self._forward(head, body[: len(body) // 2], None, cut=True)
            return False
        response = await self._forward(head, body, action.on_sent)
        if kind == "duplicate" and response is not None:
            response = await self._forward(head, body, None)
        if response is None or kind == "drop_response":
            return False
        if kind == "truncate_response":
            writer.write(response[: len(response) * 2 // 3])
            await writer.drain()
            return False
        if kind == "forward_then_500":
            response = _ERROR_500
        await self._relay(response, writer, action.bandwidth)
        return True

    async def _forward(
        self, head: bytes, body: bytes, on_sent: Callable[[], None] | None, cut: bool = False
    ) -> bytes | None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            return None
        try:
            writer.write(_set_close(head) + body)
            await writer.drain()
            if cut:
                return None
            if on_sent is not None:
                on_sent()
            data = await reader.read()
            return _keep_alive(data) if data else None
        except OSError:
            return None
        finally:
            writer.close()

    async def _relay(self, response: bytes, writer: asyncio.StreamWriter, bandwidth: float | None) -> None:
        self.bytes_down += len(response)
        if bandwidth is None:
            writer.write(response)
        else:
            for start in range(0, len(response), 1024):
                writer.write(response[start : start + 1024])
                await writer.drain()
                await asyncio.sleep(1024 / bandwidth)
        await writer.drain()
