"""A finished hub folder made without a province (what ``hub init`` leaves), for the fast backup tests."""

from __future__ import annotations

import uuid
from pathlib import Path

from sync.client.credentials import TokenFile
from sync.hub.folder import HubConfig, HubFolder
from sync.hub.tls import make_certificate
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from sync.server.schema import migrate


def make_hub(data_dir: Path, office_code: str) -> HubFolder:
    folder = HubFolder.of_data_dir(data_dir)
    folder.path.mkdir(parents=True)
    db = Database(folder.database_url, pool_size=1)
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
