"""The store key: made once per device, kept by the operating system for the user, found again without a prompt.

Windows keeps it in the Credential Manager (DPAPI, tied to the Windows user), a Linux desktop in the Secret Service,
through ``keyring``. Where neither exists (a Linux server or CI) the key goes to a file only the user can read
(:mod:`app.security.keyfile`), and :func:`describe` says so for the self-test and the diagnostics.

The data folder holds only the key's *name* (``store-key.id``, no secret), so a copied or moved data folder finds
its key on the same machine, while a copy on another machine finds nothing and needs the recovery key.
``MOTCUA_KEY_DIR`` forces the key-file back end in that folder (tests, portable set-ups).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from pathlib import Path
from typing import Protocol

from app.paths import APP_NAME
from app.security.private_file import write_private

KEY_ID_FILE = "store-key.id"
SERVICE = "MotCua store key"
KEY_BYTES = 32


class KeyStoreError(OSError):
    """The OS key store did not answer (locked, service down): the environment's fault, not a missing key."""


class KeyBackend(Protocol):
    def describe(self) -> tuple[str, str]: ...

    def get(self, key_id: str) -> bytes | None: ...

    def set(self, key_id: str, key: bytes) -> None: ...

    def delete(self, key_id: str) -> None: ...


class KeyringBackend:
    """The OS credential store through ``keyring`` (Credential Manager, Secret Service, macOS Keychain)."""

    def __init__(self, keyring_module: object) -> None:
        self._kr = keyring_module

    def describe(self) -> tuple[str, str]:
        name = type(self._kr.get_keyring()).__module__  # type: ignore[attr-defined]
        if "Windows" in name:
            return "Trình quản lý thông tin xác thực của Windows", "the Windows Credential Manager"
        return f"kho khóa của hệ điều hành ({name})", f"the operating system's key store ({name})"

    def get(self, key_id: str) -> bytes | None:
        try:
            text = self._kr.get_password(SERVICE, key_id)  # type: ignore[attr-defined]
        except Exception as exc:  # keyring.errors.KeyringError, D-Bus errors: all "the key store failed"
            raise KeyStoreError(str(exc)) from exc
        return bytes.fromhex(text) if text else None

    def set(self, key_id: str, key: bytes) -> None:
        try:
            self._kr.set_password(SERVICE, key_id, key.hex())  # type: ignore[attr-defined]
        except Exception as exc:
            raise KeyStoreError(str(exc)) from exc

    def delete(self, key_id: str) -> None:
        with contextlib.suppress(Exception):
            self._kr.delete_password(SERVICE, key_id)  # type: ignore[attr-defined]


def default_key_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "keys"


# The OS key stores keyring itself would prefer on each platform, best first. Trying only these (unless the
# user configured keyring) skips its discovery of every installed back end and plugin through package entry
# points, which was the slowest step of opening the store (on Linux its macOS back end even runs ldconfig).
PLATFORM_KEYRINGS: dict[str, tuple[str, ...]] = {
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
    "darwin": ("keyring.backends.macOS.Keyring",),
    "linux": ("keyring.backends.SecretService.Keyring", "keyring.backends.kwallet.DBusKeyring"),
}
# A back end that cannot be there without this environment variable: the Secret Service client (jeepney) finds
# the session bus only through it, so without it importing secretstorage (and cryptography) is wasted.
NEEDS_ENV = {"keyring.backends.SecretService.Keyring": "DBUS_SESSION_BUS_ADDRESS"}


def _no_key_store_can_answer() -> bool:
    """True on Linux with no session bus and no keyring configuration (a server, CI, a service account): neither
    platform back end can be there, so keyring (about 45 ms of its own imports) is not even imported."""
    if sys.platform != "linux" or "keyring" in sys.modules:  # loaded: it may hold a back end set in-process
        return False
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return False
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")  # keyring's own config root
    return not (config / "python_keyring" / "keyringrc.cfg").exists()


def _os_keyring() -> object | None:
    """keyring's configured back end (``PYTHON_KEYRING_BACKEND``, its config file or an earlier
    ``set_keyring``), else the platform's first usable OS key store, made keyring's current one; else None."""
    import importlib

    import keyring
    from keyring import core

    if core._keyring_backend is not None or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return keyring.get_keyring()
    configured = core.load_config()
    if configured is not None:
        keyring.set_keyring(configured)
        return configured
    for path in PLATFORM_KEYRINGS.get(sys.platform, PLATFORM_KEYRINGS["linux"]):
        if path in NEEDS_ENV and not os.environ.get(NEEDS_ENV[path]):
            continue
        module, _, name = path.rpartition(".")
        try:
            kind = getattr(importlib.import_module(module), name)
            usable = kind.priority > 0  # raises when the store is not there (no D-Bus, not Windows)
        except Exception:
            continue
        if usable:
            chosen = kind()
            keyring.set_keyring(chosen)
            return chosen
    return None


def choose_backend() -> KeyBackend:
    """The key-file back end when ``MOTCUA_KEY_DIR`` is set or the OS has no usable key store, else ``keyring``."""
    from app.security.keyfile import KeyFileBackend

    forced = os.environ.get("MOTCUA_KEY_DIR")
    if forced:
        return KeyFileBackend(Path(forced))
    if _no_key_store_can_answer():
        return KeyFileBackend(default_key_dir())
    try:
        import keyring
        from keyring.backends import fail

        backend = _os_keyring()
        usable = backend is not None and not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0
    except Exception:
        usable = False
    if usable:
        return KeyringBackend(keyring)
    return KeyFileBackend(default_key_dir())


class DeviceKeys:
    """Finds, makes and adopts the key of the store in a data folder."""

    def __init__(self, backend: KeyBackend | None = None) -> None:
        self.backend = backend or choose_backend()

    def describe(self) -> tuple[str, str]:
        return self.backend.describe()

    @staticmethod
    def key_id(data_dir: Path) -> str | None:
        try:
            text = (Path(data_dir) / KEY_ID_FILE).read_text("ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return text if text.isalnum() else None

    def load(self, data_dir: Path) -> bytes | None:
        key_id = self.key_id(data_dir)
        if key_id is None:
            return None
        key = self.backend.get(key_id)
        return key if key is not None and len(key) == KEY_BYTES else None

    def load_or_create(self, data_dir: Path) -> bytes:
        """The folder's key; a new random one when the folder has none yet (a new store)."""
        key = self.load(data_dir)
        if key is not None:
            return key
        new = secrets.token_bytes(KEY_BYTES)
        if self.key_id(data_dir) is not None:  # a name whose key is gone, and no store yet: start afresh
            self.replace(data_dir, new)
            return new
        return self.adopt(data_dir, new)

    def adopt(self, data_dir: Path, key: bytes) -> bytes:
        """Make ``key`` the folder's key (a new store, or a backup restored on a new PC with its recovery key).

        The key is stored before its name is written, and the name is written only if the folder has none
        (``O_EXCL``): two processes starting on an empty folder agree on the first one's key.
        """
        key_id = secrets.token_hex(16)
        self.backend.set(key_id, key)
        try:
            write_private(Path(data_dir) / KEY_ID_FILE, key_id.encode("ascii"), exclusive=True)
        except FileExistsError:
            self.backend.delete(key_id)
            existing = self.load(data_dir)
            if existing is None:
                raise
            return existing
        return key

    def replace(self, data_dir: Path, key: bytes) -> None:
        """Point the folder at ``key`` even if it has another one (restore adopting a backup's key)."""
        key_id = secrets.token_hex(16)
        self.backend.set(key_id, key)
        write_private(Path(data_dir) / KEY_ID_FILE, key_id.encode("ascii"))
        # The old key stays: the safety copy made before the restore, and other copies of this folder, use it.
