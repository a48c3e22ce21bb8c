"""The office queue's figures on the hub: what ``motcua ticket stats`` counts, for any PC of the office.

Why the hub sends steps and not totals: the PC's statistics (``app/services/queue_stats.py``) are computed
from one step per row (issued, called with its wait, served with its service time, no-show, transferred,
expired), and the same computation must give the same figures whether the queue ran on a PC or on the hub.
So the hub answers with its steps in the PC's words and the PC counts them. The steps are the office's queue
events as the hub holds them for the province (its own and those PCs pushed while it was down, by the day in
each event), and the tickets an earlier day's close left as ``expired`` (no protocol event is written for
those). The clerk of a step is the one who last called its ticket: the protocol's events carry no clerk.
"""

from __future__ import annotations

import json
from typing import Any

from sync.protocol import constants as c
from sync.server.db import Tx

LOCAL_KINDS = {  # protocol kind -> the PC's step (app/services/queue.py keeps the reverse map)
    c.QUEUE_ISSUED: "issued",
    c.QUEUE_CALLED: "called",
    c.QUEUE_NO_SHOW: "no_show",
    c.QUEUE_TRANSFERRED: "transferred",
    c.QUEUE_FINISHED: "served",
}


def steps(tx: Tx, office: str, first: str, last: str) -> list[dict[str, Any]]:
    """The office's queue steps of the days ``first``..``last`` (YYYY-MM-DD), oldest first."""
    kinds = tuple(LOCAL_KINDS)
    rows = tx.all(
        f"SELECT e.kind, e.payload, t.clerk FROM events e LEFT JOIN queue_tickets t ON t.id = e.aggregate_id"
        f" WHERE e.office_code = ? AND e.result = ? AND e.kind IN ({', '.join('?' * len(kinds))})"
        " ORDER BY e.received_at, e.id",
        (office, c.RESULT_ACCEPTED, *kinds),
    )
    out = []
    for row in rows:
        p = json.loads(row["payload"])
        if first <= str(p.get("day", "")) <= last:
            out.append(
                {
                    "kind": LOCAL_KINDS[row["kind"]],
                    "letter": p.get("service"),
                    "counter": p.get("counter"),
                    "clerk": row["clerk"] or "",
                    "wait_seconds": p.get("wait_seconds"),
                    "service_seconds": p.get("service_seconds"),
                }
            )
    expired = tx.all(
        "SELECT letter FROM queue_tickets WHERE office_code = ? AND day BETWEEN ? AND ? AND state = 'expired'",
        (office, first, last),
    )
    out += [{"kind": "expired", "letter": r["letter"], "counter": None, "clerk": "", "wait_seconds": None,
             "service_seconds": None} for r in expired]
    return out
