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
