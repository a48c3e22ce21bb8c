"""The copy of the language and text size beside the store: read whatever is there, never fail the start."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui.start_prefs import PREFS_FILE, StartPrefs, read_prefs, write_prefs


def test_a_written_copy_reads_back(tmp_path: Path) -> None:
    write_prefs(tmp_path, StartPrefs("en", 1.25))
    assert read_prefs(tmp_path) == StartPrefs("en", 1.25)
    write_prefs(tmp_path, StartPrefs("vi", 1.0))  # replaced, not appended
    assert read_prefs(tmp_path) == StartPrefs("vi", 1.0)
    assert sorted(p.name for p in tmp_path.iterdir()) == [PREFS_FILE]  # no temp file left


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe\x00garbage", b"[]", b'"vi"', b'{"language": 7}',
                                     b'{"language": "fr", "font_scale": 1.0}', b'{"language": "en"}',
                                     b'{"language": "en", "font_scale": "huge"}',
                                     b'{"language": "en", "font_scale": 1e308}'])
def test_a_damaged_copy_reads_as_the_defaults_or_the_sound_part(tmp_path: Path, content: bytes) -> None:
    (tmp_path / PREFS_FILE).write_bytes(content)
    prefs = read_prefs(tmp_path)
    assert prefs.language in (None, "en") and 0.5 <= prefs.font_scale <= 3.0


def test_no_copy_means_no_language_yet(tmp_path: Path) -> None:
    assert read_prefs(tmp_path / "not-made-yet") == StartPrefs(None, 1.0)


def test_a_folder_that_refuses_the_copy_costs_nothing(tmp_path: Path) -> None:
    (tmp_path / PREFS_FILE).mkdir()  # the name is taken by a folder: the rename fails, as on a read-only disk
    write_prefs(tmp_path, StartPrefs("en", 1.0))  # no error: the next start only builds its window twice
    assert read_prefs(tmp_path) == StartPrefs(None, 1.0)
    assert sorted(p.name for p in tmp_path.iterdir()) == [PREFS_FILE]  # no temp file left


def test_a_missing_folder_costs_nothing(tmp_path: Path) -> None:
    write_prefs(tmp_path / "gone", StartPrefs("en", 1.0))
    assert not (tmp_path / "gone").exists()
