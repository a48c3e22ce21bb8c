"""The ``motcua`` command line: argument parsing, dispatch and the one place that turns errors into messages.

Each command group lives in its own module that exposes ``register(subparsers)``; a handler receives the parsed
arguments and a :class:`~app.cli.context.CliContext` and returns an exit code. Handlers import heavy modules
lazily so that ``motcua --version`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from app import __version__

# Command-group modules, in help order. Each has ``register(subparsers) -> None``.
COMMAND_MODULES: tuple[str, ...] = (
    "app.cli.setup_cmds",
    "app.cli.dossier_cmds",
    "app.cli.catalog_cmds",
    "app.cli.backup_cmds",
    "app.cli.audit_cmds",
    "app.cli.user_cmds",
    "app.cli.calendar_cmds",
    "app.cli.maintenance_cmds",
    "app.cli.print_cmds",
    "app.cli.queue_cmds",
    "app.cli.sync_cmds",
    "app.cli.hub_cmds",
    "app.cli.report_cmds",
    "app.cli.attach_cmds",
    "app.cli.scan_cmds",
)

# Roles of commands whose modules do not declare them themselves (``set_defaults(requires_role=...)`` is the
# usual way); the service refuses a clerk anyway, this makes the CLI ask for the password first.
EXTRA_ROLES: dict[tuple[str, ...], str] = {
    ("sync", "resend"): "supervisor",
    ("audit", "accesses"): "supervisor",
    ("recovery-key",): "admin",
    ("enroll",): "admin",
}

# Everyday work that puts the device's clerk account's name on a dossier, its history, a ticket or the access log:
# refused while that account is deactivated. Device upkeep (sync, backups, the hub) goes on.
CLERK_WORK = frozenset({"dossier", "print", "ticket", "scan"})

# Options that may precede a GUI start without a sub-command.
_GUI_OPTIONS = {"--data-dir", "--demo", "--demo-login", "--lang", "--kiosk", "--display"}

EXIT_OK = 0
EXIT_INVALID = 2  # bad input: the message names the field
EXIT_ENVIRONMENT = 3  # disk full, read-only, locked, corrupt store
EXIT_NOT_FOUND = 4
EXIT_BUG = 70  # an internal error: details go to the log, not to the user


def build_parser() -> argparse.ArgumentParser:
    from app.cli.parser import CliParser

    parser = CliParser(
        prog="motcua",
        description="MotCua — phần mềm tiếp nhận hồ sơ một cửa (one-stop reception counter). "
        "Không có lệnh con: mở ứng dụng (no sub-command: start the desktop app).",
    )
    parser.add_argument("--version", action="version", version=f"motcua {__version__}")
    parser.add_argument("--data-dir", help="thư mục dữ liệu (data folder; env MOTCUA_DATA_DIR)")
    parser.add_argument("--lang", choices=["vi", "en"], help="ngôn ngữ thông báo (message language)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    from app.cli.context import add_auth_arguments

    for path, role in EXTRA_ROLES.items():
        _command(parser, path).set_defaults(requires_role=role)
    for command in _commands(parser):
        if command.get_default("requires_role") and "--admin-password-file" not in command._option_string_actions:
            add_auth_arguments(command)
        _global_options(command)
    return parser


def _global_options(command: argparse.ArgumentParser) -> None:
    """``--data-dir`` and ``--lang`` after the sub-command too (``motcua dossier list --lang en``), as the README
    promises for every command: they were taken only before it, and a script that put them last got "unknown
    argument". SUPPRESS: a sub-command that is not given one keeps what was given before it."""
    if "--data-dir" not in command._option_string_actions:
        command.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    if "--lang" not in command._option_string_actions:
        command.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _command(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> argparse.ArgumentParser:
    """The parser of the command named by ``path`` (e.g. ("sync", "resend"))."""
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    return parser


def _commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every (sub-)command parser under ``parser``."""
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += [child, *_commands(child)]
    return found


def is_gui_invocation(args: list[str]) -> bool:
    """True when no sub-command is given (only GUI options such as ``--data-dir``)."""
    i = 0
    while i < len(args):
        arg = args[i]
        key = arg.split("=", 1)[0]
        if key in ("-h", "--help", "--version"):
            return False
        if key not in _GUI_OPTIONS:
            return False
        if "=" not in arg and key in ("--data-dir", "--lang"):
            i += 1
        i += 1
    return True


def run_cli(argv: list[str]) -> int:
    from app.cli.arguments import check_arguments
    from app.cli.context import CliContext, required_role
    from app.cli.errors import report_error
    from app.cli.parser import CliParser

    parser = build_parser()
    CliParser.argv = argv
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_INVALID
    ctx = CliContext.from_args(args)
    from app.services.logs import close_logging

    try:
        check_arguments(args)
        role = required_role(args)
        # A restore onto a device with no store yet (a new PC) has no account to check: the backup's key guards it.
        if role and not (getattr(args, "fresh_device_ok", False) and not ctx.has_store()):
            ctx.authorize(args, role)
        elif not role and args.command in CLERK_WORK:
            ctx.require_active_clerk()
        return int(args.handler(args, ctx) or 0)
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        return report_error(exc, ctx)
    finally:
        ctx.close()
        close_logging()


def main() -> None:
    sys.exit(run_cli(sys.argv[1:]))
