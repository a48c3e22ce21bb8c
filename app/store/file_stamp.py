"""A small file's identity, size and times, to tell whether anyone wrote or replaced it since it was last read.

Why: the high-water and audit-anchor files are read on every receive; keeping their content in memory with
this stamp costs one ``stat`` instead of a read and a JSON parse, and a write by another process (a command
on the same PC, a restore) changes the stamp, so it is read again.
"""

from __future__ import annotations

import os

Stamp = tuple[int, int, int, int]


def stamp(path: str) -> Stamp | None:
    """(inode, size, mtime ns, ctime ns), or None when the file cannot be seen."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
