"""Fixtures of the queue tests: a supervisor context, the queue commands on the CLI, a fast store for
property tests.

``queue_cli`` adds ``app.cli.queue_cmds`` to the command modules only while it is not wired in yet, so these
tests run the same before and after ``app/cli/__init__.py`` lists it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.services.context import Actor, ServiceContext

QUEUE_MODULE = "app.cli.queue_cmds"


@pytest.fixture
def supervisor(ctx: ServiceContext) -> ServiceContext:
    """The test context acting as a supervisor (queue set-up needs one)."""
    return ServiceContext(
        store=ctx.store, data_dir=ctx.data_dir, clock=ctx.clock, actor=Actor("giamsat", "Lê Văn Giám", "supervisor")
    )


@pytest.fixture
def queue_cli(
    monkeypatch: pytest.MonkeyPatch, data_dir: Any, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    """Run ``motcua <args>`` in-process on the test data folder; returns (exit code, stdout, stderr)."""
    import app.cli as cli

    if QUEUE_MODULE not in cli.COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, QUEUE_MODULE))
    monkeypatch.setenv("MOTCUA_LANG", "vi")

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.run_cli(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def session(ctx: ServiceContext, qapp: Any) -> Any:
    """An app session on the same store file and clock as ``ctx`` (so a test can write with ``ctx`` and
    watch the screens react), with the bundled font; queued writes finish before it closes."""
    from app.services.setup import open_store
    from app.ui.fonts import apply_scale, register_fonts
    from app.ui.session import AppSession

    apply_scale(qapp, register_fonts(), 1.0)
    app_session = AppSession(ctx.data_dir, open_store(ctx.data_dir), lang="vi", clock=ctx.clock)
    app_session.set_actor(Actor("lan", "Nguyễn Thị Lan", "clerk"))
    yield app_session
    app_session.close()


class RecordingPlayer:
    """Stands in for the sound card: remembers what it was asked to play."""

    name = "test"

    def __init__(self) -> None:
        self.played: list[bytes] = []

    def play(self, path: Any) -> None:
        self.played.append(path.read_bytes())


@pytest.fixture
def player() -> RecordingPlayer:
    return RecordingPlayer()
