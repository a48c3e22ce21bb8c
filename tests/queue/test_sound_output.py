"""The waiting-room voice on a PC without sound: the set-up says so, and MOTCUA_AUDIO_SINK writes each call's WAV
so that the audio a call produces can be checked (the shipped clips, through the display's own announcer)."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import pytest

from app.paths import resource
from app.ui.queue import sound_output
from app.ui.queue.entry import make_announcer
from app.ui.queue.setup_dialog import QueueSetupDialog
from app.ui.queue.sound_output import SINK_ENV, FileSinkPlayer, describe_output
from app.ui.queue.speech import CHIME, ClipSet, call_words

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


def test_a_call_is_written_to_the_sink_as_the_wav_it_would_play(qtbot: Any, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    sink = tmp_path / "sink"
    monkeypatch.setenv(SINK_ENV, str(sink))
    voice = make_announcer()
    assert isinstance(voice.player, FileSinkPlayer) and voice.can_speak()
    voice.announce("A012", 3)
    first = sink / "call-0001.wav"
    qtbot.waitUntil(first.exists, timeout=5000)
    expected = ClipSet(resource("sounds", "vi")).join([CHIME, *call_words("A012", 3)])
    assert first.read_bytes() == expected.data  # chime, "mời số A không một hai đến quầy số ba"
    with wave.open(str(first)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert seconds == pytest.approx(expected.seconds) and seconds > 2
    voice.close()
    again = make_announcer()  # a second run goes on numbering, it does not overwrite
    again.announce("B001", 1)
    qtbot.waitUntil((sink / "call-0002.wav").exists, timeout=5000)
    assert (sink / "call-0001.wav").read_bytes() == expected.data
    again.close()


def test_the_set_up_says_where_the_voice_goes(session: Any, qtbot: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SINK_ENV, str(tmp_path))
    dialog = QueueSetupDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.sound_note.text().startswith("Âm thanh gọi số được ghi thành tệp WAV trong")
    monkeypatch.delenv(SINK_ENV)
    monkeypatch.setattr(sound_output, "has_sound_device", lambda: False)  # a PC with no sound device
    assert sound_output.choose_output() == (None, None)
    silent = QueueSetupDialog(session)
    qtbot.addWidget(silent)
    assert silent.sound_note.text().startswith("Máy này không phát được âm thanh")
    assert "only shown" in describe_output(None, None)[1]
