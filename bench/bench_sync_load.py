"""Load part of the sync benchmark: many devices pushing at once against one central server.

The devices are simulated by one asyncio process speaking plain HTTP/1.1 over keep-alive connections, so the
load generator costs little CPU next to the server on a 2-core machine. Each device sends its own batches one
after the other (as the real engine does); all devices start together. Loopback only.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import random
import statistics
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

import uuid6

from sync.client.batching import encode_event
from sync.client.store import OutgoingEvent
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from tests.sync.fakes import dossier_payload


@dataclass(frozen=True)
class SimDevice:
    token: str
    bodies: tuple[bytes, ...]  # gzip push bodies, sent in order
    events: int


def prepare(db_url: str, count: int, events_each: int, batch: int) -> list[SimDevice]:
    """Offices of ten devices each (slots 0–9), enrolled directly in the database, with gzip batches ready."""
    db = Database(db_url, pool_size=1)
    out: list[SimDevice] = []
    try:
        for first in range(0, count, 10):
            office = f"000.00.{first // 10:02d}.L{uuid.uuid4().hex[:4].upper()}"
            with db.transaction() as tx:
                devices.add_office(tx, office, f"Xã tải {first // 10}", utc_now())
                for _ in range(min(10, count - first)):
                    code = devices.new_enrollment_code(tx, office, utc_now())
                    device, token, _ = devices.enroll(tx, code, str(uuid6.uuid7()), "sim", utc_now(), 60)
                    events = []
                    for n in range(1, events_each + 1):
                        p = dossier_payload(office, device.slot, device.slot * 1000 + n)
                        events.append(
                            encode_event(
                                OutgoingEvent(str(uuid6.uuid7()), "dossier.received", p["id"], p, p["received_at"])
                            )
                        )
                    bodies = tuple(
                        gzip.compress(b'{"events":[' + b",".join(events[i : i + batch]) + b"]}", 6)
                        for i in range(0, len(events), batch)
                    )
                    out.append(SimDevice(token, bodies, events_each))
    finally:
        db.close()
    return out


async def _device(
    port: int, dev: SimDevice, start: asyncio.Event, pace: float, latencies: list[float], errors: list[str]
) -> None:
    """Send the batches one after the other; with ``pace`` > 0, one batch every ``pace`` seconds from a random
    offset (a device sending as it receives), else as fast as the server answers (a backlog)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await start.wait()
    due = time.perf_counter() + random.uniform(0, pace)
    try:
        for body in dev.bodies:
            if pace:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                due += pace
            head = (
                f"POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {dev.token}\r\n"
                f"Content-Type: application/json\r\nContent-Encoding: gzip\r\nAccept-Encoding: gzip\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            began = time.perf_counter()
            writer.write(head + body)
            await writer.drain()
            answer = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":")[1])
                for line in answer.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - began)
            if not answer.startswith(b"HTTP/1.1 200"):
                errors.append(answer.split(b"\r\n")[0].decode())
    finally:
        writer.close()


async def _run(port: int, sims: Sequence[SimDevice], pace: float) -> dict[str, float]:
    start = asyncio.Event()
    latencies: list[float] = []
    errors: list[str] = []
    tasks = [asyncio.create_task(_device(port, d, start, pace, latencies, errors)) for d in sims]
    await asyncio.sleep(0.5)  # every device connected
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - began
    latencies.sort()
    events = sum(d.events for d in sims)
    return {
        "devices": len(sims),
        "events": events,
        "requests": len(latencies),
        "errors": len(errors),
        "wall_s": wall,
        "events_per_s": events / wall,
        "p50_s": statistics.median(latencies),
        "p99_s": latencies[max(0, int(len(latencies) * 0.99) - 1)],
        "max_s": latencies[-1],
    }


def _run_in_child(port: int, sims: Sequence[SimDevice], pace: float) -> dict[str, float]:
    return asyncio.run(_run(port, sims, pace))


def load(port: int, sims: Sequence[SimDevice], pace: float = 0.0) -> dict[str, float]:
    """Run the devices from a separate process, so the generator and the test harness do not share a GIL."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_run_in_child, port, list(sims), pace).result(timeout=600)


def accepted(db_url: str) -> int:
    db = Database(db_url, pool_size=1)
    try:
        with db.transaction(write=False) as tx:
            return int(tx.scalar("SELECT COUNT(*) AS n FROM events WHERE result = 'accepted'"))
    finally:
        db.close()


if __name__ == "__main__":
    print(json.dumps({"usage": "imported by bench/bench_sync.py"}))
