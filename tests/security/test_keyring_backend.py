"""The OS key store path (Credential Manager / Secret Service) through keyring, with an in-process keyring back end.

No OS key store runs on the CI's Linux, so a minimal ``keyring`` back end stands in for it; what is tested is our
side: the back end is chosen when usable, the key lands there (not in a file), and a failing key store is a
clear environment error, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend as Base
from keyring.errors import KeyringLocked

from app.security.keys import SERVICE, DeviceKeys, KeyringBackend, choose_backend
from app.services.setup import open_store
from app.store.errors import EnvironmentStoreError


class MemoryKeyring(Base):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def os_keystore(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("MOTCUA_KEY_DIR")
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


def test_the_key_goes_to_the_os_key_store_when_there_is_one(os_keystore, tmp_path):
    assert isinstance(choose_backend(), KeyringBackend)
    store = open_store(tmp_path / "data")
    key_id = DeviceKeys().key_id(tmp_path / "data")
    store.close()
    assert os_keystore.items[(SERVICE, key_id)] == store.key.hex()
    open_store(tmp_path / "data").close()  # found again, no prompt


def test_a_locked_key_store_is_a_clear_environment_error(os_keystore, tmp_path):
    open_store(tmp_path / "data").close()
    os_keystore.locked = True
    with pytest.raises(EnvironmentStoreError) as err:
        open_store(tmp_path / "data")
    assert "kho khóa" in err.value.reason_vi and "locked" in err.value.reason_en


@pytest.fixture
def fresh_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """keyring as a new process finds it: no back end chosen yet (and the one chosen here forgotten after)."""
    from keyring import core

    monkeypatch.delenv("MOTCUA_KEY_DIR")
    monkeypatch.setattr(core, "_keyring_backend", None)
    yield


def test_a_keyring_configured_by_the_user_is_honoured(fresh_keyring, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{__name__}.MemoryKeyring")
    assert isinstance(choose_backend(), KeyringBackend)
    assert isinstance(keyring.get_keyring(), MemoryKeyring)


def test_without_an_os_key_store_the_key_goes_to_a_file(fresh_keyring, monkeypatch, tmp_path):
    from app.security import keys
    from app.security.keyfile import KeyFileBackend

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no keyringrc.cfg, and the key file here
    monkeypatch.setitem(keys.PLATFORM_KEYRINGS, "linux", ("keyring.backends.null.Keyring",))  # never usable
    monkeypatch.setattr(keys.sys, "platform", "linux")
    assert isinstance(choose_backend(), KeyFileBackend)


def test_without_a_session_bus_the_secret_service_is_not_even_loaded(fresh_keyring, monkeypatch, tmp_path):
    import sys

    from app.security import keys
    from app.security.keyfile import KeyFileBackend

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setitem(keys.PLATFORM_KEYRINGS, "linux", ("keyring.backends.SecretService.Keyring",))
    monkeypatch.setattr(keys.sys, "platform", "linux")
    monkeypatch.delitem(sys.modules, "keyring.backends.SecretService", raising=False)
    assert isinstance(choose_backend(), KeyFileBackend)
    assert "keyring.backends.SecretService" not in sys.modules


_PROBE = """
import sys
from app.security.keys import choose_backend
print(type(choose_backend()).__name__, "keyring" in sys.modules)
"""


@pytest.mark.slow
@pytest.mark.parametrize(("extra", "configured", "expected"), [
    ({}, False, "KeyFileBackend False"),  # a Linux server or CI: keyring is not even imported
    ({}, True, "KeyFileBackend True"),  # a keyringrc.cfg: keyring reads it (here naming the null back end)
    ({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}, False, "KeyFileBackend True"),  # a desktop: tried
])
def test_keyring_is_imported_only_where_a_key_store_could_answer(tmp_path, extra, configured, expected):
    import os
    import subprocess
    import sys
    from pathlib import Path

    config = tmp_path / "config"
    if configured:
        (config / "python_keyring").mkdir(parents=True)
        (config / "python_keyring" / "keyringrc.cfg").write_text(
            "[backend]\ndefault-keyring=keyring.backends.null.Keyring\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("MOTCUA_KEY_DIR", "DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")}
    env.update(extra, XDG_CONFIG_HOME=str(config), PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=60,
                          check=True)
    assert done.stdout.strip() == expected
