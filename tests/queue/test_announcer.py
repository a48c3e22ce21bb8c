"""Announcements one after another, in order, with the chime; TTS only when asked for and present."""

from __future__ import annotations

import wave

import pytest

from app.ui.queue import announcer as announcer_module
from app.ui.queue.announcer import Announcer
from app.ui.queue.speech import CHIME, WORDS, ClipSet

# Waits are generous: a loaded CI machine delays Qt timers by seconds, and waitUntil returns as soon as it holds.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


@pytest.fixture
def tiny_clips(tmp_path):
    """Every clip 20 ms long, so a test hears a whole morning of calls in a blink."""
    for name in [*WORDS, CHIME]:
        with wave.open(str(tmp_path / f"{name}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(b"\x01\x00" * 320)
    return ClipSet(tmp_path)


class FakeTts:
    name = "fake"

    def __init__(self):
        self.said = []

    def speak(self, text):
        self.said.append(text)
        return 0.01


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setattr(announcer_module, "PAUSE_MS", 5)


def seconds(data: bytes) -> float:
    return (len(data) - 44) / 32000


def test_calls_are_spoken_in_order_never_together(qtbot, tiny_clips, player, fast):
    voice = Announcer(tiny_clips, player)
    spoken = []
    voice.spoken.connect(lambda number, counter: spoken.append((number, counter)))
    voice.announce("A001", 1)
    voice.announce("B002", 2)
    assert spoken == [("A001", 1)] and len(player.played) == 1  # the second waits for the first
    qtbot.waitUntil(lambda: len(spoken) == 2, timeout=15000)
    assert spoken == [("A001", 1), ("B002", 2)]
    # chime + moi_so + letter + 3 digits + den_quay + counter = 8 clips of 20 ms, and the gaps between
    assert seconds(player.played[0]) == pytest.approx(8 * 0.07, abs=0.01)
    voice.close()


def test_without_chime_and_with_voice_off(qtbot, tiny_clips, player, fast):
    voice = Announcer(tiny_clips, player)
    voice.chime = False
    voice.announce("A001", 1)
    assert seconds(player.played[0]) == pytest.approx(7 * 0.07, abs=0.01)
    qtbot.waitUntil(lambda: not voice.busy, timeout=15000)
    voice.chime, voice.mode = True, "off"
    voice.announce("A002", 1)
    assert seconds(player.played[1]) == pytest.approx(0.07, abs=0.01)  # the chime alone
    voice.close()


def test_tts_when_asked_and_present(qtbot, tiny_clips, player, fast):
    tts = FakeTts()
    voice = Announcer(tiny_clips, player, tts)
    voice.mode = "tts"
    voice.announce("C015", 4)
    assert len(player.played) == 1  # the chime first …
    qtbot.waitUntil(lambda: bool(tts.said), timeout=15000)  # … then the engine speaks
    assert tts.said == ["Mời số xê, không, một, năm, đến quầy bốn"]
    voice.close()


def test_tts_asked_but_absent_falls_back_to_clips(tiny_clips, player):
    voice = Announcer(tiny_clips, player, None)
    voice.mode = "tts"
    voice.announce("A001", 1)
    assert seconds(player.played[0]) == pytest.approx(8 * 0.07, abs=0.01)
    voice.close()


def test_missing_clips_use_tts_or_stay_silent(tmp_path, player):
    tts = FakeTts()
    voice = Announcer(ClipSet(tmp_path), player, tts)  # an empty clip folder
    voice.announce("A001", 1)
    assert player.played == [] and tts.said == ["Mời số a, không, không, một, đến quầy một"]
    voice.close()
    silent = Announcer(ClipSet(tmp_path), None, None)
    assert not silent.can_speak() and "không phát được âm thanh" in silent.describe()
    silent.announce("A001", 1)  # nothing to play with: no error
    silent.close()
