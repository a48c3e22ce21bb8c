"""Load part of the sync benchmark: many counters pushing at once to one central server over HTTPS.

What each simulated device does is what a counter's sync engine does, timed from the moment it means to push:
build the push body from its own encoded events (``{"events":[…],"sent_at":…}``), gzip it, open a TLS
connection when it has none (verifying the server against the pinned CA file), send, read and gunzip the answer,
parse it and check every event's result. All of that is inside the clock. Latency is measured from the
*scheduled* send time, not from when the device got round to sending: when the server falls behind, the queue
it builds shows in the figure (no coordinated omission), and the achieved rate can fall short of the offered one.

What a real counter does between pushes (``sync/client/engine.py``, ``runner.py``): its background runner keeps a
round's connection for the next round when that comes within 70 s (rounds are 60 s apart when idle, at once
after a write; the server keeps an idle connection 75 s). ``Plan.warm`` is that: before the clock starts, each
device makes its previous round's request (an authenticated pull) on a new connection and keeps it; the timed
pushes go on it (``at_once_kept``). ``Plan.fresh`` is a device whose rounds are further apart than that, or
the first round of the morning: a new TCP and TLS connection with a full handshake per push (urllib3 does not
resume TLS sessions). The pull that follows a real push is not simulated, so a real round costs the server more
than measured here. The server's and PostgreSQL's CPU per push is read over the timed part only.

Nothing is dropped: a refused connection, a timeout, a cut or non-200 answer, an event not accepted, each is
counted and reported by reason. The devices are coroutines in one separate process (asyncio + ssl), so the load
generator costs little next to the server on a 2-core machine, and none of its work runs in the server's process.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import random
import ssl
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any

from bench.cpu_share import ShareSampler
from bench.proc_cpu import tree_cpu_s
from sync.protocol.timefmt import utc_now
from sync.server.db import Database

TIMEOUT_S = 30.0  # the sync client's read timeout
HOST = "127.0.0.1"


@dataclass(frozen=True)
class SimDevice:
    token: str
    pushes: tuple[tuple[bytes, ...], ...]  # encoded events of each push, in order


@dataclass(frozen=True)
class Plan:
    pace: float  # seconds between one device's pushes; 0: the next as soon as the previous answer came
    fresh: bool  # a new TLS connection for every push (sync rounds further apart than the keep-alive)
    aligned: bool  # every device's first push at the same instant; else each at a random point of its pace
    warm: bool = False  # each device synced once before the clock starts and kept that connection (a runner)


@dataclass
class Sample:
    scheduled: float
    started: float
    done: float
    events: int
    accepted: int = 0
    opened: bool = False
    error: str = ""  # why the request failed as a whole
    refused: Counter[str] = field(default_factory=Counter)  # error → events not accepted


class _Conn:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    def close(self) -> None:
        self.writer.close()


async def _exchange(conn: _Conn, host: str, token: str, body: bytes) -> tuple[int, bytes, bool]:
    """One POST /v1/events; returns status, decoded body and whether the connection may be reused."""
    conn.writer.write(
        (
            f"POST /v1/events HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Encoding: gzip\r\nAccept-Encoding: gzip\r\n"
            f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        + body
    )
    await conn.writer.drain()
    return await _answer(conn)


async def _answer(conn: _Conn) -> tuple[int, bytes, bool]:
    head = await conn.reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" not in headers:
        raise ValueError("answer without content-length")
    content = await conn.reader.readexactly(int(headers["content-length"]))
    if headers.get("content-encoding", "").lower() == "gzip":
        content = gzip.decompress(content)
    return status, content, headers.get("connection", "").lower() != "close"


def _body(events: Sequence[bytes]) -> bytes:
    raw = b'{"events":[' + b",".join(events) + b'],"sent_at":' + json.dumps(utc_now()).encode() + b"}"
    return gzip.compress(raw, 6)


def _judge(sample: Sample, status: int, content: bytes) -> None:
    try:
        answer = json.loads(content)
    except ValueError:
        sample.error = f"HTTP {status}: unreadable answer"
        return
    if status != 200:
        sample.error = f"HTTP {status}: {answer.get('error', '?') if isinstance(answer, dict) else '?'}"
        return
    results = answer.get("results", [])
    sample.accepted = sum(1 for r in results if r.get("result") == "accepted")
    sample.refused.update(r.get("error") or r.get("result", "?") for r in results if r.get("result") != "accepted")
    if len(results) != sample.events:
        sample.refused["no result"] += sample.events - len(results)


async def _warm(dev: SimDevice, port: int, tls: ssl.SSLContext) -> _Conn:
    """The device's previous round: a connection opened and used (an authenticated pull of its feed), kept."""
    conn = _Conn(*await asyncio.wait_for(asyncio.open_connection(HOST, port, ssl=tls), TIMEOUT_S))
    conn.writer.write(
        f"GET /v1/changes?limit=1 HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {dev.token}\r\n"
        f"Accept: application/json\r\n\r\n".encode()
    )
    status, _, keep = await asyncio.wait_for(_answer(conn), TIMEOUT_S)
    if status != 200 or not keep:
        raise RuntimeError(f"warm-up pull: HTTP {status}, keep-alive {keep}")
    return conn


async def _device(
    dev: SimDevice,
    plan: Plan,
    port: int,
    tls: ssl.SSLContext,
    t0: float,
    offset: float,
    out: list[Sample],
    conn: _Conn | None = None,
) -> None:
    host = HOST
    due = t0 + offset
    for events in dev.pushes:
        now = time.perf_counter()
        if plan.pace:
            await asyncio.sleep(max(0.0, due - now))
            scheduled, due = due, due + plan.pace
        else:
            scheduled = max(now, due)
            await asyncio.sleep(max(0.0, due - now))
        sample = Sample(scheduled, time.perf_counter(), 0.0, len(events))
        try:
            if conn is None or plan.fresh:
                if conn is not None:
                    conn.close()
                conn = _Conn(*await asyncio.wait_for(asyncio.open_connection(host, port, ssl=tls), TIMEOUT_S))
                sample.opened = True
            status, content, keep = await asyncio.wait_for(_exchange(conn, host, dev.token, _body(events)), TIMEOUT_S)
            _judge(sample, status, content)
            if not keep:
                conn.close()
                conn = None
        except (TimeoutError, OSError, ssl.SSLError, asyncio.IncompleteReadError, ValueError) as exc:
            sample.error = type(exc).__name__
            if conn is not None:
                conn.close()
            conn = None
        sample.done = time.perf_counter()
        out.append(sample)
    if conn is not None:
        conn.close()


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def summarise(samples: list[Sample], plan: Plan, devices: int, wall: float) -> dict[str, Any]:
    """The figures of one run; latencies in seconds, from the scheduled send time ("_s") and from the actual
    start of the push ("service_")."""
    late = [s.done - s.scheduled for s in samples]
    service = [s.done - s.started for s in samples]
    events = sum(s.events for s in samples)
    accepted = sum(s.accepted for s in samples)
    refused: Counter[str] = Counter()
    for s in samples:
        refused.update(s.refused)
    per_push = statistics.mean(s.events for s in samples) if samples else 0
    return {
        "devices": devices,
        "pushes": len(samples),
        "events_per_push": per_push,
        "failed_requests": sum(1 for s in samples if s.error),
        "failed_by_reason": dict(Counter(s.error for s in samples if s.error)),
        "events_sent": events,
        "events_accepted": accepted,
        "events_not_accepted": dict(refused),
        "connections_opened": sum(1 for s in samples if s.opened),
        "wall_s": wall,
        "offered_events_per_s": devices * per_push / plan.pace if plan.pace else None,
        "achieved_events_per_s": accepted / wall if wall else 0.0,
        "p50_s": _pct(late, 0.50),
        "p95_s": _pct(late, 0.95),
        "p99_s": _pct(late, 0.99),
        "max_s": max(late, default=float("nan")),
        "service_p50_s": _pct(service, 0.50),
        "service_p99_s": _pct(service, 0.99),
        "most_behind_s": max((s.started - s.scheduled for s in samples), default=0.0),
    }


async def _run(
    port: int, ca: str, sims: Sequence[SimDevice], plan: Plan, seed: int, watch: dict[str, int]
) -> dict[str, Any]:
    tls = ssl.create_default_context(cafile=ca)  # the pinned CA only, hostname (the IP) checked
    rng = random.Random(seed)
    conns: list[_Conn | None] = [None] * len(sims)
    if plan.warm:  # outside the clock and the CPU count: the round before the one measured
        conns = list(await asyncio.gather(*(_warm(d, port, tls) for d in sims)))
        await asyncio.sleep(1.0)
    share = ShareSampler(watch.values())
    share.start()
    cpu = time.process_time()
    others = {name: tree_cpu_s(pid) for name, pid in watch.items()}
    samples: list[Sample] = []
    t0 = time.perf_counter() + 0.5
    offsets = [0.0 if plan.aligned or not plan.pace else rng.uniform(0, plan.pace) for _ in sims]
    await asyncio.gather(
        *(_device(d, plan, port, tls, t0, o, samples, c) for d, o, c in zip(sims, offsets, conns, strict=True))
    )
    await share.stop()
    # never shorter than the schedule: keeping up gives exactly the offered rate, falling behind less
    wall = max(max(s.done for s in samples) - t0, plan.pace * max(len(d.pushes) for d in sims))
    result = summarise(samples, plan, len(sims), wall)
    result["client_cpu_ms_per_push"] = (time.process_time() - cpu) * 1000 / len(samples)
    for name, pid in watch.items():
        result[f"{name}_cpu_ms_per_push"] = (tree_cpu_s(pid) - others[name]) * 1000 / len(samples)
    if plan.aligned:  # each wave: from its scheduled start to its last answer
        ends: dict[float, float] = {}
        for s in samples:
            ends[s.scheduled] = max(ends.get(s.scheduled, 0.0), s.done)
        result["during_waves"] = share.share(sorted(ends.items()))
    return result


def _run_in_child(
    port: int, ca: str, sims: Sequence[SimDevice], plan: Plan, seed: int, watch: dict[str, int]
) -> dict[str, Any]:
    """The 200 devices are 200 PCs in a province: on this machine their CPU is borrowed from the server's two
    cores. uvloop (the server's loop too, where installed) does the same TLS and I/O work for less of it."""
    try:
        import uvloop

        factory: Any = uvloop.new_event_loop
    except ImportError:
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        result = runner.run(_run(port, ca, sims, plan, seed, watch))
    result["client_loop"] = "uvloop" if factory else "asyncio"
    return result


def load(
    port: int, ca: str, sims: Sequence[SimDevice], plan: Plan, seed: int = 2026, watch: dict[str, int] | None = None
) -> dict[str, Any]:
    """Run the devices from a separate process (its own GIL and CPU); adds the load average around the run.
    ``watch`` names process trees (the server, PostgreSQL) whose CPU per push is measured over the timed part
    only (a warm-up round is left out)."""
    before = os.getloadavg()[0]
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        result = pool.submit(_run_in_child, port, ca, list(sims), plan, seed, watch or {}).result(timeout=1800)
    result["loadavg_1min_before_after"] = [round(before, 2), round(os.getloadavg()[0], 2)]
    return result


def accepted(db_url: str) -> int:
    """Events the server holds as accepted (the cross-check of what the devices were told)."""
    db = Database(db_url, pool_size=1)
    try:
        with db.transaction(write=False) as tx:
            return int(tx.scalar("SELECT COUNT(*) AS n FROM events WHERE result = 'accepted'"))
    finally:
        db.close()


if __name__ == "__main__":
    print(json.dumps({"usage": "imported by bench/bench_sync.py"}))
