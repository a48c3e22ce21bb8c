"""Which writers of the change feed wait for each other, so that a pull cursor never skips a change.

A device reads its office's changes and the changes for every office (catalogue, calendar), in ``seq`` order, up
to the highest ``seq`` it can see among them (:func:`visible_high`). That is safe as long as *those* rows become
visible in ``seq`` order. On PostgreSQL two transactions can commit out of order, so a writer locks, just
before inserting changes and until its commit: its office's lock, plus the feed lock shared; a writer of
every-office changes takes the feed lock exclusively (it waits for every office writer, and they for it).

Why not one lock for everything (as before): with 200 counters pushing at once, every push queued behind every
other's commit; on a busy 2-core server a lock holder that lost its CPU held up all of them (p99 of several
seconds). Offices do not read each other's changes, so their writers need not wait for each other.
SQLite serialises every writer already.
"""

from __future__ import annotations

from collections.abc import Iterable

from sync.server.db import POSTGRES, Tx

FEED_LOCK = 7240002  # one bigint key: every-office changes (exclusive) against office changes (shared)
OFFICE_LOCKS = 7240003  # the first of two int keys; the second is hashtext(office code)


def lock_for(tx: Tx, offices: Iterable[str | None]) -> None:
    """Take the locks a transaction needs before it appends changes for ``offices`` (None: every office)."""
    if tx.dialect != POSTGRES:
        return
    wanted = set(offices)
    if None in wanted:
        tx.execute("SELECT pg_advisory_xact_lock(?)", (FEED_LOCK,))
        return
    # One statement, one round trip: a single-row SELECT evaluates its list left to right, so the shared feed
    # lock comes first and the offices follow in one order everywhere (no deadlock between two writers).
    mine = sorted(o for o in wanted if o is not None)
    calls = ", ".join(["pg_advisory_xact_lock_shared(?)"] + ["pg_advisory_xact_lock(?, hashtext(?))"] * len(mine))
    tx.execute(f"SELECT {calls}", [FEED_LOCK, *(v for office in mine for v in (OFFICE_LOCKS, office))])


def visible_high(tx: Tx, office_code: str) -> int:
    """The highest ``seq`` a device of ``office_code`` reads: its office's changes and every office's."""
    row = tx.one(
        "SELECT (SELECT MAX(seq) FROM changes WHERE office_code = ?) AS own, "
        "(SELECT MAX(seq) FROM changes WHERE office_code IS NULL) AS shared",
        (office_code,),
    )
    assert row is not None
    return max(int(row["own"] or 0), int(row["shared"] or 0))
