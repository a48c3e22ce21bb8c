"""One hub backup or restore at a time: the loser says so in one sentence and writes nothing.

The lock is held by this test process (an OS lock on ``hub/backup.lock``, as a running backup holds it) and the
commands run as real processes, so the refusal is what a supervisor starting a second one sees."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.services.hub_keys import AppHubKeys
from sync.hub import backup_daily
from sync.hub.backup import backup_hub
from sync.hub.errors import HubError
from sync.hub.folder import HubFolder
from sync.hub.lock import HubLock
from tests.conftest import OFFICE_CODE
from tests.office.conftest import motcua
from tests.office.hubfolder import make_hub


def _digest(folder: HubFolder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.path.iterdir())
            if p.is_file() and not p.name.endswith(".lock")}


def test_a_backup_while_another_backup_or_a_restore_runs_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    with HubLock(folder.backup_lock):  # another backup (or a restore) is under way
        code, _, err = motcua(tmp_path / "pc", "hub", "backup", "--to", str(tmp_path / "out"))
        assert code == 3, err
        assert err.strip() == ("Error: another hub backup or restore is running (pid "
                               f"{os.getpid()}): try again when it is done; no file was written")
        assert not (tmp_path / "out").exists()
        code, _, err = motcua(tmp_path / "pc", "--lang", "vi", "hub", "backup")
        assert code == 3 and "một lần sao lưu hoặc khôi phục hub khác đang chạy" in err, err
        with pytest.raises(HubError, match="another hub backup or restore"):  # the daily one waits an hour
            backup_daily.run_once(tmp_path / "pc", AppHubKeys(), datetime(2026, 12, 2, 3, tzinfo=UTC))
    again = backup_hub(tmp_path / "pc", tmp_path / "out", key_source=AppHubKeys())
    assert again.is_file(), "free again once the other one ends"


def test_a_restore_while_a_backup_runs_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    folder = make_hub(tmp_path / "pc", OFFICE_CODE)
    archive = backup_hub(tmp_path / "pc", tmp_path / "out", key_source=AppHubKeys())
    before = _digest(folder)
    with HubLock(folder.backup_lock):
        code, _, err = motcua(tmp_path / "pc", "hub", "restore", str(archive))
    assert code == 3 and "another hub backup or restore is running (pid" in err and "nothing changed" in err, err
    assert len(err.strip().splitlines()) == 1 and _digest(folder) == before
    assert not (tmp_path / "pc" / "hub-backups").exists(), "no safety copy either"
    code, _, err = motcua(tmp_path / "pc", "hub", "restore", str(archive))  # the lock it held is free again
    assert code == 0, err
    with HubLock(folder.lock), HubLock(folder.backup_lock):  # and the restore let go of both
        pass
