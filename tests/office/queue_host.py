"""A queue-hosting server on any database, without the hub's folder and province link: the office queue's
tests and ``bench/bench_hub_queue.py`` run it as a real process (:class:`QueueHostProcess`).

Why here and not a ``motcua-central`` switch: the queue's rules are the app's domain, and ``sync/`` never imports
``app/``. Like ``motcua hub serve`` (the product's composition root), this module hands the rules to
``create_app``; it is the same server the hub runs, minus the upstream link.
"""

from __future__ import annotations

import argparse
import os
import sys

from sync.server.db import Database
from tests.sync.serverproc import CentralProcess

KEY_ENV = "MOTCUA_BENCH_DB_KEY"  # hex: open the database with this SQLCipher key


class QueueHostProcess(CentralProcess):
    """``CentralProcess`` with this module's command line: the same options, the office queue hosted."""

    name = "queue host"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "tests.office.queue_host", *super().command()[3:]]


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    from app.domain import queue
    from sync.server.app import create_app
    from sync.server.config import ServerSettings

    ap = argparse.ArgumentParser(prog="queue_host")
    ap.add_argument("serve", choices=["serve"])
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ssl-certfile")
    ap.add_argument("--ssl-keyfile")
    args, _ = ap.parse_known_args(argv)  # CentralProcess's other options are the central server's
    settings = ServerSettings(database_url=args.database_url, pool_size=8, log_level="warning", queue_host=True)
    tls = {"ssl_certfile": args.ssl_certfile, "ssl_keyfile": args.ssl_keyfile} if args.ssl_certfile else {}
    key = os.environ.get(KEY_ENV)  # the database encrypted as the hub's is (bench_hub_queue.py --encrypted)
    db = Database(args.database_url, pool_size=settings.pool_size, key=bytes.fromhex(key)) if key else None
    uvicorn.run(create_app(settings, db, queue_rules=queue), host=args.host, port=args.port, log_config=None,
                access_log=False, timeout_keep_alive=30, timeout_graceful_shutdown=2, server_header=False, **tls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
