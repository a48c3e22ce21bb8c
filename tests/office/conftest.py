"""The queue fixtures (a session on a store, a recording player) serve the office tests too."""

from tests.queue.conftest import player, session, supervisor  # noqa: F401
