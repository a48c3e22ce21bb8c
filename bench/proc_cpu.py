"""CPU seconds a process tree has used (Linux /proc), so a load figure can be read next to its cost.

Why: on a shared 2-core machine the latency of 200 devices depends on what else runs (the load average is
printed with every figure), but the CPU the server and PostgreSQL spend per push does not: it is the figure
that shows whether a change to the server made it cheaper. Children that already exited count through the
parent's cutime/cstime once reaped.
"""

from __future__ import annotations

import os
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def tree_cpu_s(root: int) -> float:
    """User + system CPU of ``root``, its reaped children and every live descendant."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))):
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo, first = 0.0, [root], True
    while todo:
        pid = todo.pop()
        fields = _stat(pid)
        if fields is None:
            continue
        ticks = int(fields[11]) + int(fields[12])
        if first:  # the root's reaped children; a descendant's are already in the root's figure or their own
            ticks += int(fields[13]) + int(fields[14])
            first = False
        total += ticks / _TICK
        todo += children.get(pid, [])
    return total


def postmaster_pid(data_dir: Path) -> int:
    return int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
