"""Schema step: FTS5 never merges a level of the search index inside one transaction (issue 18, item 10).

Why: FTS5's ``crisismerge`` (default 16) merges level 0 whole, and then each level above that also holds that
many segments, inside whichever transaction writes the sixteenth segment, finishing any merge already under way
on those levels. After schema step 11 rebuilt the index, level 0 held the rebuild's four segments of 6,600
pages each under an incremental merge: the sixteenth batch of new entries then finished that merge - 25,000
pages, 6.5-50 s - inside one transaction, and a clerk waited for it. The background thread
(:mod:`app.store.checkpoint`) does all merging in short steps, so FTS5's own crisis merge is pushed out of reach
(:data:`CRISIS_SEGMENTS`, a level of that many segments: the thread keeps level 0 at a few); it stays only as a
bound on the segment count, well below FTS5's limit of 2,000 segments in one index.

The step also finishes a merge left under way on level 0 (:func:`finish_level0`): the index rebuilt by step 11
sits there in four segments of 6,600 pages. While they are being merged no other segment of level 0 is, so every
new segment stayed there beside them (measured: 991 after 1,000 receives, when each entry was a segment of its
own, see :func:`app.store.search_pending.write_entries`), and the merge runs slower than segments arrive under a
clerk receiving non-stop. Finished here, once, in the upgrade
(about 25,000 pages written: 15-25 s at 1,000,000 dossiers), the index leaves level 0 and merges like any other.
A store without such a merge (new, small, or upgraded already) only writes the setting: instant, and the same
again on a second run.
"""

from __future__ import annotations

from app.store import fts_structure
from app.store.driver import Connection

CRISIS_SEGMENTS = 1000  # FTS5 caps it at 1999; a level this long means the thread has not merged for hours
TABLE = "dossier_search"
FINISH_PAGES = 2000  # merge work a command in the upgrade (no clerk waits for it there)


def set_crisis_merge(conn: Connection, table: str = TABLE) -> None:
    conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('crisismerge', {CRISIS_SEGMENTS})")


def finish_level0(conn: Connection, table: str = TABLE, pages: int = FINISH_PAGES) -> int:
    """Merge until level 0 holds no merge under way (in the caller's transaction); the merge commands run."""
    steps = 0
    while (found := fts_structure.levels(conn, table)) and found[0].merging:
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('merge', {pages})")
        steps += 1
    return steps


def migrate_index_merge(conn: Connection) -> None:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone() is not None:
        set_crisis_merge(conn)
        finish_level0(conn)
