"""The serving process's collector settings (sync/server/gc_tuning.py): start-up objects frozen out of the scans,
the young generation collected less often, and cycles made afterwards still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from sync.server import gc_tuning


@pytest.fixture
def restored() -> Iterator[None]:
    threshold = gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_settle_freezes_what_start_up_made_and_collects_the_young_generation_less_often(restored: None) -> None:
    _, middle, old = gc.get_threshold()
    gc_tuning.settle()
    assert gc.get_threshold() == (gc_tuning.YOUNG_THRESHOLD, middle, old)
    assert gc.get_freeze_count() > 1000  # this test process's modules and objects, out of every scan
    made_later = _Node()
    gone = weakref.ref(made_later)
    del made_later
    gc.collect()
    assert gone() is None  # a cycle a request makes is still freed
