"""The command line's composition root: data folder, language, the store opened on first use, and who acts.

Everyday clerk work (receive, print, search, queue, sync) runs as the device's clerk account named at ``init``.
Commands that need more declare it (``set_defaults(requires_role="supervisor")`` or a function of the arguments)
and :func:`authorize` asks for that account's password: from ``--admin-password-file``, from the file named by
``MOTCUA_ADMIN_PASSWORD_FILE``, or at a terminal prompt; with none of these it refuses. Sign-in failures count
towards the same lockout as the app's.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.paths import default_data_dir


@dataclass
class CliContext:
    data_dir: Path
    lang: str = "vi"
    json: bool = False
    _services: Any = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()
        lang = getattr(args, "lang", None) or os.environ.get("MOTCUA_LANG") or "vi"
        return cls(
            data_dir=data_dir,
            lang="en" if lang.startswith("en") else "vi",
            json=bool(getattr(args, "json", False)),
        )

    def services(self) -> Any:
        """The :class:`~app.services.context.ServiceContext`, opening (and migrating) the store once."""
        if self._services is None:
            from app.services.context import ServiceContext
            from app.services.logs import setup_logging
            from app.services.setup import open_store

            # Logs go to <data dir>/logs only for commands that use the store (no folder for --help, selftest).
            setup_logging(self.data_dir)
            store = open_store(self.data_dir)
            self._services = ServiceContext(store=store, data_dir=self.data_dir, actor=_clerk_actor(store))
        return self._services

    def has_store(self) -> bool:
        """True when this data folder already holds a store (so its accounts can be asked for)."""
        from app.store.db import DB_FILENAME

        return (self.data_dir / DB_FILENAME).exists()

    def authorize(self, args: argparse.Namespace, role: str) -> None:
        """Act as the account named by ``--user`` (default admin) after checking its password and role."""
        from app.services.accounts import authenticate
        from app.services.roles import require_role

        svc = self.services()
        username = getattr(args, "user", None) or "admin"
        actor = authenticate(svc.store, username, _password(args, self, username), svc.clock)
        require_role(actor, role, self.t("chạy lệnh này", "run this command"), "run this command")
        svc.actor = actor

    def require_active_clerk(self) -> None:
        """Refuse the clerk's own work when the device's clerk account is deactivated: it went on receiving
        dossiers and issuing tickets in the name of a clerk who had left ("a deactivated user cannot sign in")."""
        from app.domain.errors import ValidationError
        from app.store import settings, users
        from app.store.errors import NotFoundError

        store = self.services().store
        name = settings.get(store, "cli_clerk")
        if not name:
            return
        try:
            active = bool(users.by_username(store, name)["active"])
        except NotFoundError:
            return  # no such account: work goes on in the OS user's name, as before
        if not active:
            raise ValidationError(
                "username",
                f"tài khoản {name} của máy này đã bị khóa: giám sát mở lại (motcua user reactivate {name}) hoặc "
                "quản trị chọn tài khoản khác (motcua init … --clerk TÊN)",
                f"this device's account {name} is deactivated: a supervisor reactivates it (motcua user reactivate "
                f"{name}) or an admin names another (motcua init … --clerk NAME)",
            )

    def t(self, vi: str, en: str) -> str:
        return vi if self.lang == "vi" else en

    def emit(self, data: Any, text: str | list[str]) -> None:
        """Print ``data`` as JSON with ``--json``, else the human-readable text."""
        if self.json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        else:
            lines = [text] if isinstance(text, str) else text
            sys.stdout.write("".join(line + "\n" for line in lines))

    def close(self) -> None:
        if self._services is not None:
            self._services.store.close()
            self._services = None


def _clerk_actor(store: Any) -> Any:
    """The device's clerk account (always with the clerk role), or a clerk named after the OS user."""
    from app.services.context import Actor
    from app.store import settings, users
    from app.store.errors import NotFoundError

    name = settings.get(store, "cli_clerk")
    if name:
        try:
            row = users.by_username(store, name)
            return Actor(username=row["username"], full_name=row["full_name"], role="clerk")
        except NotFoundError:
            pass
    os_user = Actor.system()
    return Actor(username=os_user.username, full_name=os_user.full_name, role="clerk")


def _password(args: argparse.Namespace, ctx: CliContext, username: str) -> str:
    from app.domain.errors import ValidationError

    path = getattr(args, "admin_password_file", None) or os.environ.get("MOTCUA_ADMIN_PASSWORD_FILE")
    if path:
        from app.cli.user_files import read_secret

        return read_secret(Path(path))
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(ctx.t(f"Mật khẩu của {username}: ", f"Password of {username}: "))
    raise ValidationError(
        "password",
        "lệnh này cần mật khẩu giám sát/quản trị: dùng --admin-password-file TỆP,"
        " biến MOTCUA_ADMIN_PASSWORD_FILE, hoặc chạy trong cửa sổ dòng lệnh",
        "this command needs a supervisor/admin password: use --admin-password-file FILE,"
        " MOTCUA_ADMIN_PASSWORD_FILE, or run it at a terminal",
    )


def add_auth_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every command that needs a role takes (added by the CLI to each such command)."""
    parser.add_argument("--user", help="tài khoản giám sát/quản trị (mặc định admin)")
    parser.add_argument("--admin-password-file", type=Path, help="tệp chứa mật khẩu (password file)")


def required_role(args: argparse.Namespace) -> str | None:
    """The role a parsed command needs: ``requires_role`` is a role name or a function of the arguments."""
    need = getattr(args, "requires_role", None)
    return need(args) if callable(need) else need
