"""The device's side of a restored server (sync/hub/generation.py): a new generation in the answers means "send
again all you still hold and read the feed from the start"; the first one seen, the same one, or none (the
province) mean nothing. Against the real central server; only the header is played by the transport."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.client.transport import Transport
from tests.sync.central import Central, assert_exactly_once
from tests.sync.conftest import FAST_TRANSPORT, new_device

pytestmark = pytest.mark.slow


def test_a_new_generation_sends_again_what_the_device_holds_once_and_the_server_keeps_one(
    central: Central, tmp_path: Path
) -> None:
    served: dict[str, str | None] = {"generation": None}

    class Answers(Transport):  # the server's answers carry the generation the test sets
        def __init__(self, url: str, token: str | None) -> None:
            super().__init__(url, token, FAST_TRANSPORT)

        def call(self, *args, **kw):
            try:
                return super().call(*args, **kw)
            finally:
                self.generation = served["generation"]

    office = central.new_office()
    engine, store = new_device(central.url, tmp_path, "pc", transport_factory=Answers)
    engine.enroll(central.url, central.enrollment_code(office), "pc")
    for _ in range(3):
        store.receive()
    assert engine.run_once().pushed == 3  # no generation (the province): nothing to remember
    served["generation"] = "g1"
    first = engine.run_once()
    assert (first.pushed, store.state.server_generation) == (0, "g1"), "the first one seen is only remembered"
    assert engine.run_once().pushed == 0
    store.receive()
    served["generation"] = "g2"  # restored: the acknowledged events go up again, the feed is read from the start
    again = engine.run_once()
    assert (again.pushed, again.rejected, again.pending) == (4 + 1, 0, 0)  # 1 new, then all 4 again
    assert again.pulled >= 4 and store.state.server_generation == "g2"
    assert engine.run_once().pushed == 0, "once: the next round is an ordinary one"
    served["generation"] = None
    assert engine.run_once().pushed == 0, "an answer without a generation changes nothing"
    assert_exactly_once(central, office, [store])
