"""``motcua hub serve``: the reference server on the hub's own database, over HTTPS with the hub's certificate.

Why these rules: the hub runs on an ordinary office PC, so it listens only where it was told (``--host``, else
the address given at ``hub init``, else 127.0.0.1), never on every interface by accident; plain HTTP is for
tests and only on a loopback address. It hosts the office queue by the rules its caller hands in (the
desktop's domain; :mod:`sync.server.queue_rules` says why). One process per hub folder (:mod:`sync.hub.lock`);
the upstream link runs beside the HTTP server in the same process and stops with it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from sync.client.credentials import TokenFile
from sync.client.server_url import is_loopback
from sync.client.transport import TransportConfig
from sync.hub import generation, keys
from sync.hub.backup_daily import DailyBackup
from sync.hub.errors import HubError
from sync.hub.generation import StampGeneration
from sync.hub.link import UpstreamLink
from sync.hub.lock import hold
from sync.hub.setup import open_hub
from sync.protocol.constants import SERVER_KEEP_ALIVE_S
from sync.server import jsonlog
from sync.server.config import ServerSettings
from sync.server.db import Database
from sync.server.queue_rules import QueueRules

log = logging.getLogger("motcua.hub")


def serve_hub(
    data_dir: Path,
    queue_rules: QueueRules,
    key_source: keys.KeySource,
    host: str | None = None,
    port: int | None = None,
    *,
    plain_http: bool = False,
    log_level: str = "info",
    upstream_wait: float = 20.0,
    advertise: bool = True,
) -> int:
    import uvicorn

    from sync.server.app import create_app
    from sync.server.schema import NewerSchemaError

    folder, config = open_hub(data_dir)
    host = host or config.host
    port = port or config.port
    if plain_http and not is_loopback(host):
        raise HubError(
            f"--plain-http chỉ được dùng trên địa chỉ loopback (127.0.0.1), không phải {host}",
            f"--plain-http is only allowed on a loopback address (127.0.0.1), not {host}",
        )
    lock = hold(
        folder.lock,
        f"hub này đã đang chạy ({{holder}}) trên thư mục {folder.path}: không khởi động thêm",
        f"this hub is already running ({{holder}}) on {folder.path}: not starting a second one",
    )
    try:
        jsonlog.configure(log_level)
        settings = ServerSettings(database_url=folder.database_url, pool_size=8, log_level=log_level, role="hub",
            queue_host=True)
        # An older hub's plain database is encrypted here, under the lock: no other hub serves it meanwhile.
        db = Database(folder.database_url, pool_size=settings.pool_size,
                      key=keys.database_key(folder, key_source, holding_lock=True))
        try:
            app = create_app(settings, db, queue_rules=queue_rules)
        except NewerSchemaError as exc:
            raise HubError(
                f"cơ sở dữ liệu của hub do phiên bản MotCua mới hơn tạo (lược đồ {exc.found}, bản này biết đến "
                f"{exc.known}): hãy cập nhật phần mềm trên máy này",
                f"the hub's database was made by a newer MotCua (schema {exc.found}; this version knows "
                f"{exc.known}): update the software on this PC",
                3,
            ) from exc
        app.add_middleware(StampGeneration, generation=generation.ensure(app.state.database))
        token = TokenFile(folder.token).load() or ""
        link = UpstreamLink(
            app.state.database,
            config.office_code,
            config.upstream,
            token,
            app.state.feed_signal.notify,
            transport=TransportConfig(ca_bundle=config.ca_bundle),
            wait=upstream_wait,
        )
        app.state.feed_signal.listeners.append(link.wake)
        link.start()
        daily = DailyBackup(data_dir, key_source).start()  # sync/hub/backup_daily.py
        announcer = _advertise(config.office_code, host, port, not plain_http) if advertise else None
        tls = {} if plain_http else {"ssl_certfile": str(folder.cert), "ssl_keyfile": str(folder.key)}
        scheme = "http" if plain_http else "https"
        sys.stderr.write(f"motcua hub: office {config.office_code} on {scheme}://{host}:{port}, "
                         f"upstream {config.upstream}, certificate sha256 {config.cert_sha256}\n")
        sys.stderr.flush()
        try:
            uvicorn.run(
                app,
                host=host,
                port=port,
                log_config=None,
                access_log=False,
                timeout_keep_alive=SERVER_KEEP_ALIVE_S,  # devices keep theirs between rounds
                timeout_graceful_shutdown=3,
                server_header=False,
                **tls,  # type: ignore[arg-type]
            )
        finally:
            link.stop()
            daily.stop()
            if announcer is not None:
                announcer.close()
    finally:
        lock.release()
    return 0


def _advertise(office_code: str, host: str, port: int, https: bool) -> object | None:
    """Announce the hub on the LAN (DNS-SD) when zeroconf is installed and the host is not loopback-only."""
    try:
        from sync.hub.discovery import Announcer
    except ImportError:
        return None
    try:
        return Announcer.start(office_code, host, port, https)
    except Exception as exc:  # no multicast here: the typed URL stays the way in
        log.warning("hub not announced on the LAN: %s", exc)
        return None
