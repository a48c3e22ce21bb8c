"""The hub's folder is its owner's only: it holds the office's database, the TLS key and the upstream token.

Why: the hub's database (``hub.sqlite3`` and its WAL) holds every dossier of the office (encrypted at rest
since: tests/office/test_hub_at_rest.py), beside the TLS key and the upstream token in clear. ``hub init``
made the folder with the process's umask (0755 on Linux: any account on the PC read the office's register);
the app's own data folder has been 0700 all along. ``hub init`` now makes it 0700 and every hub command puts an
older folder right.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.services.hub_keys import AppHubKeys
from sync.hub.setup import init_hub, open_hub
from sync.protocol.timefmt import utc_now
from sync.server import devices
from tests.office.hubfolder import make_hub
from tests.sync.test_origin import Province

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes (Windows: the per-user %LOCALAPPDATA%)")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_older_hub_folder_left_open_is_made_private(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "data", "000.00.12.H62")
    os.chmod(folder.path, 0o755)
    assert _mode(folder.path) == 0o755
    open_hub(tmp_path / "data")
    assert _mode(folder.path) == 0o700


@pytest.mark.slow
def test_hub_init_makes_a_private_folder(tmp_path: Path) -> None:
    province = Province(tmp_path)
    try:
        office = province.office()
        with province.db.transaction() as tx:
            code = devices.new_enrollment_code(tx, office, utc_now(), role=devices.ROLE_HUB)
        old = os.umask(0o022)
        try:
            init_hub(tmp_path / "hub-pc", office, province.url, code, key_source=AppHubKeys())
        finally:
            os.umask(old)
    finally:
        province.close()
    folder = tmp_path / "hub-pc" / "hub"
    assert _mode(folder) == 0o700
    assert (folder / "hub.sqlite3").exists()
