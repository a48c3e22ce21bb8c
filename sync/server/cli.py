"""``motcua-central``: run the reference central server and administer its data from a shell.

Every command finds its database through ``--database-url`` or ``$MOTCUA_CENTRAL_DB`` (SQLite file in the
current folder otherwise). Administrative commands talk to the database directly, so they work while the
server runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sync.protocol.timefmt import utc_now
from sync.server import backoffice, devices
from sync.server.attachment_cli import register as register_attachments
from sync.server.config import database_url
from sync.server.db import Database
from sync.server.db_open import DatabaseUnavailable, open_migrated

Handler = Callable[[argparse.Namespace, Database], int]


def _out(args: argparse.Namespace, data: Any, lines: Sequence[str]) -> None:
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("".join(f"{line}\n" for line in lines))


def _office_add(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as tx:
        devices.add_office(tx, args.code, args.name, utc_now())
    _out(args, {"code": args.code, "name": args.name}, [f"office {args.code} added"])
    return 0


def _office_list(args: argparse.Namespace, db: Database) -> int:
    with db.transaction(write=False) as tx:
        rows = tx.all("SELECT code, name, created_at FROM offices ORDER BY code")
    _out(args, rows, [f"{r['code']}\t{r['name']}" for r in rows])
    return 0


def _enrollment_code(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as tx:
        role = devices.ROLE_HUB if args.hub else (args.role or devices.ROLE_DEVICE)
        code = devices.new_enrollment_code(tx, args.office, utc_now(), args.ttl_hours, role)
    _out(args, {"office": args.office, "code": code, "ttl_hours": args.ttl_hours, "role": role}, [code])
    return 0


def _dossiers(args: argparse.Namespace, db: Database) -> int:
    with db.transaction(write=False) as tx:
        rows = backoffice.list_dossiers(tx, args.office)
    _out(
        args,
        rows,
        [f"{r['code']}\t{r['status']}\t{r['applicant_name']}\t{r['procedure_code']}" for r in rows],
    )
    return 0


def _set_status(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as tx:
        row = backoffice.set_status(tx, args.code, args.status, args.reason, args.actor, utc_now())
    _out(args, row, [f"{args.code}: status {row['status']}"])
    return 0


def _printable(text: str) -> str:
    """A stored name as one harmless line: control characters (terminal escapes) shown as \\xNN, tabs too."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _device_list(args: argparse.Namespace, db: Database) -> int:
    with db.transaction(write=False) as tx:
        rows = devices.list_devices(tx, args.office)
    _out(
        args,
        rows,
        [
            f"{r['id']}\t{r['office_code']}\tslot {r['slot']}\t{r['role']}\t{_printable(r['name'])}\t"
            f"{'revoked' if r['revoked_at'] else 'active'}\t{r['last_seen_at'] or '-'}"
            for r in rows
        ],
    )
    return 0


def _device_revoke(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as tx:
        if not devices.revoke(tx, args.device_id, utc_now()):
            raise LookupError(f"no active device {args.device_id}")
    _out(args, {"revoked": args.device_id}, [f"device {args.device_id} revoked"])
    return 0


def _publish(args: argparse.Namespace, db: Database) -> int:
    document = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))  # Notepad writes a byte-order mark
    with db.transaction() as tx:
        if args.what == "catalog":
            records = document["procedures"] if isinstance(document, dict) else document
            count = backoffice.publish_catalog(tx, records, utc_now())
        else:
            backoffice.publish_calendar(tx, document, utc_now())
            count = 1
    _out(args, {"published": count}, [f"{args.what}: {count} record(s) published"])
    return 0


class _OneLineParser(argparse.ArgumentParser):
    """argparse whose mistakes are one line ("motcua-central: error: …"), like every other error of this tool,
    not the usage block; its sub-command parsers are of the same class (argparse's ``parser_class``)."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"motcua-central: error: {message} (see: {self.prog} -h)\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    db_opt = argparse.ArgumentParser(add_help=False)
    db_opt.add_argument(
        "--database-url",
        default=argparse.SUPPRESS,
        help="sqlite:///FILE or postgresql://… (env MOTCUA_CENTRAL_DB)",
    )
    json_opt = argparse.ArgumentParser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="machine-readable output")
    parser = _OneLineParser(
        prog="motcua-central", parents=[db_opt], description="MotCua reference central sync server"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from sync.server.serve import add_serve_command

    add_serve_command(sub, db_opt)
    office = sub.add_parser("office", help="offices").add_subparsers(dest="action", required=True)
    p = office.add_parser("add", parents=[db_opt, json_opt], help="add an office")
    p.add_argument("--code", required=True, help="unit code, e.g. 000.00.12.H62")
    p.add_argument("--name", required=True)
    p.set_defaults(handler=_office_add)
    office.add_parser("list", parents=[db_opt, json_opt]).set_defaults(handler=_office_list)
    p = sub.add_parser("enrollment-code", parents=[db_opt, json_opt], help="print a one-time enrolment code")
    p.add_argument("--office", required=True)
    p.add_argument("--ttl-hours", type=float, default=72.0)
    roles = p.add_mutually_exclusive_group()
    roles.add_argument("--hub", action="store_true", help="a code for the office's hub (motcua hub init)")
    roles.add_argument("--role", choices=sorted(devices.SLOTLESS_ROLES),
                       help="a ticket kiosk or waiting-room screen: enrols with no device slot")
    p.set_defaults(handler=_enrollment_code)
    p = sub.add_parser("dossiers", parents=[db_opt, json_opt], help="list an office's dossiers")
    p.add_argument("--office", required=True)
    p.set_defaults(handler=_dossiers)
    p = sub.add_parser("set-status", parents=[db_opt, json_opt], help="back-office status update")
    p.add_argument("code", help="dossier code")
    p.add_argument("status", type=int, help="national status code 1–10")
    p.add_argument("--reason", default="")
    p.add_argument("--actor", default="back-office")
    p.set_defaults(handler=_set_status)
    device = sub.add_parser("device", help="devices").add_subparsers(dest="action", required=True)
    p = device.add_parser("list", parents=[db_opt, json_opt])
    p.add_argument("--office")
    p.set_defaults(handler=_device_list)
    p = device.add_parser("revoke", parents=[db_opt, json_opt], help="revoke a device's token")
    p.add_argument("device_id")
    p.set_defaults(handler=_device_revoke)
    for what, help_text in (("catalog", "procedures.json"), ("calendar", "holidays.json")):
        group = sub.add_parser(what, help=f"publish the {what}").add_subparsers(dest="action", required=True)
        p = group.add_parser("publish", parents=[db_opt, json_opt], help=f"send a {help_text} file to the counters")
        p.add_argument("file")
        p.set_defaults(handler=_publish, what=what)
    register_attachments(sub, db_opt, json_opt)  # sync/server/attachment_cli.py
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = database_url(getattr(args, "database_url", None))
    if getattr(args, "serve", False):
        return int(args.handler(args, url))
    try:
        db = open_migrated(url)
    except DatabaseUnavailable as exc:
        sys.stderr.write(f"motcua-central: error: {exc}\n")
        return 3
    try:
        return int(args.handler(args, db))
    except (ValueError, LookupError, KeyError, OSError) as exc:
        sys.stderr.write(f"motcua-central: error: {exc}\n")
        return 4 if isinstance(exc, LookupError) and not isinstance(exc, KeyError) else 2
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
