"""Entry point of the ``motcua`` command: the desktop app when run bare, the command line with a sub-command.

Kept tiny on purpose: ``motcua --version`` and every sub-command must not import Qt (the CLI start-up budget is
300 ms), so the GUI is imported only when no sub-command is given.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--demo-office" in args:  # the caretaker of a whole demo office: starts the windows, is none itself
        from app.cli.demo_office_cmd import run_demo_office

        return run_demo_office(args)
    from app.cli import is_gui_invocation, run_cli

    if is_gui_invocation(args):
        from app.ui.launch import run_gui

        return run_gui(args)
    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
