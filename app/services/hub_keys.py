"""The office hub's database key, from this PC's store key: what ``motcua hub …`` passes to the hub code
(``sync/hub/keys.py``), built by each command (``app/cli/hub_cmds.py``) and handed to the hub function it runs.

Why derived from the store key (HKDF, purpose ``hub-database``, as attachments and the sync token are sealed:
``app/security/sealed.py``) rather than a key of its own: a PC with a store already has its office recovery key
on paper, and that same sheet then opens the hub's backups on a new PC after a dead disk; one key, one sheet,
one place the OS keeps it. A hub-only box (``hub init`` without ``motcua init``) gets the data folder's key made
by its first hub command (``hub init``, or the first open of an older plain hub), with no store beside it;
``hub init`` prints its recovery key, and ``motcua hub recovery-key`` shows it again. A later ``motcua init`` in
the same folder adopts that key, so the PC still has one key and one sheet.

The folder's key is never made while a store file exists without one: that store's key is lost, and a new key
would not bring it back (opening the hub then says the key is missing).
"""

from __future__ import annotations

from pathlib import Path

from app.security.keys import DeviceKeys
from app.security.sealed import derive_key

PURPOSE = "hub-database"


def hub_key(store_key: bytes) -> bytes:
    return derive_key(store_key, PURPOSE)


class AppHubKeys:
    """:class:`sync.hub.keys.KeySource` over the OS key store; ``recovery``: a store key typed off the sheet."""

    def __init__(self, recovery: bytes | None = None, keys: DeviceKeys | None = None) -> None:
        self._recovery = recovery
        self._keys = keys

    @property
    def keys(self) -> DeviceKeys:
        if self._keys is None:
            self._keys = DeviceKeys()
        return self._keys

    def store_key(self, data_dir: Path, *, create: bool) -> bytes | None:
        """The folder's store key (made when ``create`` and the folder has neither key nor store). A key store
        that fails is one line (not an ``OSError``, which the hub's backup and restore read as a full disk)."""
        from app.store.db import DB_FILENAME, key_store_error

        try:
            found = self.keys.load(data_dir)
            if found is None and create and not (Path(data_dir) / DB_FILENAME).exists():
                found = self.keys.load_or_create(data_dir)
        except OSError as exc:
            raise key_store_error(exc) from exc
        return found

    def key(self, data_dir: Path, *, create: bool) -> bytes | None:
        found = self.store_key(data_dir, create=create)
        return hub_key(found) if found is not None else None

    def recovered(self) -> bytes | None:
        return hub_key(self._recovery) if self._recovery is not None else None

    def adopt_recovered(self, data_dir: Path) -> bytes:
        from app.store.db import key_store_error

        if self._recovery is None:
            raise ValueError("no recovery key was given")
        try:
            if self.keys.key_id(data_dir) is None:
                return hub_key(self.keys.adopt(data_dir, self._recovery))
            self.keys.replace(data_dir, self._recovery)  # a name whose key this PC's key store lost
        except OSError as exc:
            raise key_store_error(exc) from exc
        return hub_key(self._recovery)

    def encrypt_in_place(self, database: Path, key: bytes) -> bool:
        from app.store.encrypt import encrypt_database

        return encrypt_database(database, key)

