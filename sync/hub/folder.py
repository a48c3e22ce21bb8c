"""Where a hub keeps its things: one folder (``<data folder>/hub``) with its database, certificate, key, upstream
token, settings and lock. One folder is one hub; ``hub.json`` is written last by ``hub init``, so a folder with it
is a finished set-up and a folder without it is an interrupted one that ``hub init`` may resume.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sync.files import write_atomic

HUB_FOLDER = "hub"


@dataclass(frozen=True)
class HubConfig:
    office_code: str
    office_name: str
    upstream: str  # the province's central server URL
    device_id: str  # the hub's id at the province
    slot: int  # the slot the province gave the hub (it numbers nothing itself)
    cert_sha256: str
    host: str = "127.0.0.1"  # where `hub serve` listens unless told otherwise
    port: int = 8443
    names: list[str] = field(default_factory=list)  # host names / addresses in the certificate
    ca_bundle: str | None = None  # the province's CA (PEM), when it has its own
    created_at: str = ""


class HubFolder:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def of_data_dir(cls, data_dir: Path) -> HubFolder:
        return cls(Path(data_dir) / HUB_FOLDER)

    database = property(lambda self: self.path / "hub.sqlite3")
    database_url = property(lambda self: "sqlite:///" + str(self.path / "hub.sqlite3"))
    config_file = property(lambda self: self.path / "hub.json")
    cert = property(lambda self: self.path / "hub-cert.pem")
    key = property(lambda self: self.path / "hub-key.pem")
    token = property(lambda self: self.path / "upstream.token")
    device_id_file = property(lambda self: self.path / "upstream-device-id")
    lock = property(lambda self: self.path / "hub.lock")
    backup_lock = property(lambda self: self.path / "backup.lock")  # one backup or restore at a time

    def make_private(self) -> None:
        """Owner only (POSIX): the folder holds the office's dossiers in a plain SQLite file, the TLS key and the
        upstream token. Made so by ``hub init``; every later command puts an older folder right."""
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            with contextlib.suppress(OSError):  # another account's folder: its owner's commands will do it
                os.chmod(self.path, 0o700)

    def initialised(self) -> bool:
        return self.config_file.exists()

    def load(self) -> HubConfig:
        data = json.loads(self.config_file.read_text(encoding="utf-8"))
        return HubConfig(**{k: v for k, v in data.items() if k in HubConfig.__dataclass_fields__})

    def save(self, config: HubConfig) -> None:
        """Atomically (a crash leaves the old file or none, never half of one)."""
        write_atomic(self.config_file, json.dumps(asdict(config), ensure_ascii=False, indent=2).encode("utf-8"))
