"""A finished hub folder made without a province (what ``hub init`` leaves), for the fast backup tests."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from app.services.hub_keys import AppHubKeys
from sync.client.credentials import TokenFile
from sync.hub import keys
from sync.hub.folder import HubConfig, HubFolder
from sync.hub.tls import make_certificate
from sync.protocol.timefmt import utc_now
from sync.server import cipher, devices
from sync.server.schema import migrate


def make_hub(data_dir: Path, office_code: str) -> HubFolder:
    folder = HubFolder.of_data_dir(data_dir)
    folder.path.mkdir(parents=True)
    db = keys.open_database(folder, AppHubKeys())
    try:
        migrate(db)
        with db.transaction() as tx:
            devices.add_office(tx, office_code, "UBND xã Mẫu Sơn", utc_now())
    finally:
        db.close()
    TokenFile(folder.token).save("upstream-token-" + uuid.uuid4().hex)
    device_id = str(uuid.uuid4())
    folder.device_id_file.write_text(device_id, encoding="ascii")
    fingerprint = make_certificate(folder.cert, folder.key, office_code, ["127.0.0.1"])
    folder.save(HubConfig(office_code, "UBND xã Mẫu Sơn", "http://127.0.0.1:9", device_id, 1, fingerprint))
    return folder


def hub_connect(path: Path, data_dir: Path | None = None) -> Any:
    """A connection to a hub database file (the live one, or one taken out of an archive) with the hub key of
    ``data_dir`` (default: the data folder of the hub folder holding ``path``)."""
    folder = Path(data_dir) if data_dir is not None else Path(path).parent.parent
    return cipher.connect(path, AppHubKeys().key(folder, create=False))


def recovery_file(data_dir: Path, out: Path) -> Path:
    """The recovery key of ``data_dir``'s PC written to ``out``, as a person types it off the sheet."""
    from app.security.recovery import format_recovery_key

    store_key = AppHubKeys().keys.load(data_dir)
    assert store_key is not None
    out.write_text(format_recovery_key(store_key) + "\n", "utf-8")
    return out
