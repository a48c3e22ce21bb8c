"""``motcua-central serve``: run the API under uvicorn with JSON logs, over HTTPS when given a certificate.

One worker gets the application object directly; several workers (PostgreSQL, or a busy SQLite) get the
factory :func:`sync.server.app.app_from_env` and read the settings from the environment prepared here.
``--ssl-certfile``/``--ssl-keyfile`` let uvicorn speak TLS itself (a province without a reverse proxy; the
sync benchmark): the pair is loaded once before anything starts, so a wrong file is one clear line, not a
traceback from every worker.
"""

from __future__ import annotations

import argparse
import os
import ssl
import sys

from sync.protocol.constants import DEFAULT_LIMITS, SERVER_KEEP_ALIVE_S
from sync.server import gc_tuning, jsonlog
from sync.server.config import ENV_DATABASE, ServerSettings, limits_with
from sync.server.db_open import DatabaseUnavailable, open_migrated


def tls_problem(certfile: str | None, keyfile: str | None) -> str | None:
    """Why the certificate/key pair cannot be served (None when it can, or when neither is given)."""
    if not certfile and not keyfile:
        return None
    if not certfile or not keyfile:
        return "--ssl-certfile and --ssl-keyfile: give both or neither"
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except FileNotFoundError as exc:
        return f"--ssl-certfile/--ssl-keyfile: no such file {exc.filename or ''}".rstrip()
    except (ssl.SSLError, OSError, ValueError) as exc:
        return f"--ssl-certfile/--ssl-keyfile: not a PEM certificate and its private key ({exc})"
    return None


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    problem = tls_problem(args.ssl_certfile, args.ssl_keyfile)
    if not args.keep_alive > 0:  # also NaN
        problem = f"--keep-alive: must be a positive number of seconds, not {args.keep_alive}"
    if problem:
        sys.stderr.write(f"motcua-central: error: {problem}\n")
        return 2
    jsonlog.configure(args.log_level)
    try:
        open_migrated(url).close()  # once, before workers start
    except DatabaseUnavailable as exc:
        sys.stderr.write(f"motcua-central: error: {exc}\n")
        return 3
    common = {
        "host": args.host,
        "port": args.port,
        "log_config": None,
        "access_log": False,
        "timeout_keep_alive": args.keep_alive,  # devices keep theirs between rounds
        "server_header": False,
        # A hub or a device holds a long poll open (up to max_wait_s): a stop cuts it after this instead of
        # waiting it out. A pull writes nothing, and a push cut here is retried by its device (idempotent).
        "timeout_graceful_shutdown": 3,
    }
    if args.ssl_certfile:
        common.update(ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
    if args.workers > 1:
        os.environ.update(
            {
                ENV_DATABASE: url,
                "MOTCUA_CENTRAL_LOG_LEVEL": args.log_level,
                "MOTCUA_CENTRAL_POOL": str(args.pool_size),
                "MOTCUA_CENTRAL_MAX_BODY": str(args.max_body_bytes),
            }
        )
        uvicorn.run("sync.server.app:app_from_env", factory=True, workers=args.workers, **common)
        return 0
    from sync.server.app import create_app

    limits = limits_with(args.max_body_bytes)
    settings = ServerSettings(
        database_url=url,
        pool_size=args.pool_size,
        log_level=args.log_level,
        limits=limits,
    )
    app = create_app(settings)
    gc_tuning.settle()
    sys.stderr.flush()
    uvicorn.run(app, **common)
    return 0


def add_serve_command(sub: argparse._SubParsersAction, db_opt: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[db_opt], help="run the HTTP server")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--workers", type=int, default=1, help="worker processes")
    p.add_argument("--pool-size", type=int, default=8, help="database connections per worker")
    p.add_argument(
        "--max-body-bytes",
        type=int,
        default=DEFAULT_LIMITS.max_body_bytes,
        help="largest request body accepted, compressed (default %(default)s)",
    )
    p.add_argument(
        "--keep-alive",
        type=float,
        default=SERVER_KEEP_ALIVE_S,
        help="seconds an idle connection stays open for the device's next sync round (default %(default)s)",
    )
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.add_argument("--ssl-certfile", help="serve HTTPS with this PEM certificate (chain); needs --ssl-keyfile")
    p.add_argument("--ssl-keyfile", help="the PEM private key of --ssl-certfile (unencrypted)")
    p.set_defaults(handler=_serve, serve=True)
