"""Who had the CPU while a wave of pushes was in flight: the machine's busy cores, ours (server, PostgreSQL,
load generator) and everything else's, sampled from /proc during the timed part of ``bench/bench_sync_load.py``.

Why: a wave of 200 pushes at once is CPU-bound, so its p99 is about (CPU per wave) / (cores it got). On the
shared 2-core machine other work takes a varying share of the cores, and the p99 follows it; this says how much
of a wave's wall time the machine's cores were ours, busy with others, or idle. Idle cores during a wave would
mean waiting (locks, pool, GIL hand-offs) rather than CPU queueing. The watched process trees are listed once
after the warm-up (the server's workers and PostgreSQL's backends live through the run), so a sample reads only
their own /proc/PID/stat files (a few hundred microseconds), not all of /proc.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

from bench.proc_cpu import _TICK, _stat

EVERY_S = 0.05


def descendants(roots: Iterable[int]) -> list[int]:
    """``roots`` and every live process below them."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))):
            children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], list(roots)
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _machine() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # guest time is already inside user
    return (total - idle) / _TICK, total / _TICK


def _ours(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += int(fields[11]) + int(fields[12])
    return total / _TICK


class ShareSampler:
    """Samples (time, machine busy, machine total, our CPU) every EVERY_S while running."""

    def __init__(self, roots: Iterable[int]) -> None:
        self.pids = descendants([os.getpid(), *roots])
        self.samples: list[tuple[float, float, float, float]] = []
        self._task: asyncio.Task[None] | None = None

    def _take(self) -> None:
        busy, total = _machine()
        self.samples.append((time.perf_counter(), busy, total, _ours(self.pids)))

    async def _loop(self) -> None:
        while True:
            self._take()
            await asyncio.sleep(EVERY_S)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._take()

    def share(self, windows: list[tuple[float, float]]) -> dict[str, float]:
        """Mean cores in use over ``windows`` (start, end): the machine's, ours, others', idle."""
        cores = os.cpu_count() or 1
        wall = busy = total = ours = 0.0
        for start, end in windows:
            inside = [s for s in self.samples if start <= s[0] <= end]
            if len(inside) < 2:
                continue
            first, last = inside[0], inside[-1]
            span = last[0] - first[0]
            wall += span
            busy += last[1] - first[1]
            total += last[2] - first[2]
            ours += last[3] - first[3]
        if not wall or not total:
            return {}
        scale = cores / total  # machine seconds → cores (the kernel's clock, not ours)
        return {
            "wave_s": round(wall / len(windows), 3),
            "machine_busy_cores": round(busy * scale, 2),
            "our_cores": round(ours * scale, 2),
            "others_cores": round(max(busy - ours, 0.0) * scale, 2),
            "idle_cores": round(max(total - busy, 0.0) * scale, 2),
        }
