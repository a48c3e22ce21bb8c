"""Run the maintenance commands through a parser that has only their group registered.

Why not ``app.cli.run_cli``: the group joins ``COMMAND_MODULES`` in the lead's change; until then the tests
build the same top-level options and dispatch the same way ``run_cli`` does.
"""

from __future__ import annotations

import argparse

from app.cli import maintenance_cmds
from app.cli.context import CliContext
from app.cli.errors import report_error


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="motcua")
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", choices=["vi", "en"])
    maintenance_cmds.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    ctx = CliContext.from_args(args)
    try:
        return int(args.handler(args, ctx) or 0)
    except Exception as exc:
        return report_error(exc, ctx)
    finally:
        ctx.close()
