"""Garbage-collector settings for a process that serves the central API: what start-up made is frozen out of the
collector's scans, and the youngest generation is collected after 10,000 new containers instead of 700.

Why: with 200 counters pushing at once the server is CPU-bound, and ``perf`` on its workers during
``bench/bench_sync.py``'s ``at_once`` put the cyclic collector at about 5 % of their CPU (issue 18 item 13): each
push makes a few hundred dicts and lists (ten parsed dossiers, their rows), so the young generation was
collected every few pushes, and the older ones walked the application's tens of thousands of long-lived objects
(FastAPI's routes and models, pydantic's validators) again and again. Reference counting frees what a request
makes as soon as it is answered; only cycles wait for the collector, now a little longer (a few megabytes at
most). Called once per serving process, after the application is built.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000  # new container objects between two collections of the youngest generation (700)


def settle() -> None:
    """Collect once, freeze what is left (the application itself), and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
