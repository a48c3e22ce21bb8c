"""Where the waiting-room voice goes on this PC: the sound card, a folder of WAV files, or nowhere — said plainly.

Why: a commune PC often has no speakers or no sound card at all; the call board then stays silent and the
queue set-up must say so rather than offer voices nobody hears. ``MOTCUA_AUDIO_SINK=DIR`` makes the display
write each announcement it would play into DIR as a WAV file (``call-0001.wav``, …): a test, or a technician on
a PC without sound, can check that a call really produces the right audio.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from app.ui.queue.sound import Player, Tts, find_player, find_tts

SINK_ENV = "MOTCUA_AUDIO_SINK"


class FileSinkPlayer:
    """Writes each WAV it is asked to play into a folder, numbered in order; plays nothing."""

    name = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._count = len(list(folder.glob("call-*.wav")))

    def play(self, path: Path) -> None:
        self._count += 1
        target = self.folder / f"call-{self._count:04d}.wav"
        part = target.with_suffix(".part")
        part.write_bytes(Path(path).read_bytes())
        part.replace(target)  # a reader never sees half a file


def has_sound_device() -> bool:
    """Whether the OS reports a device to play sound on (a sound server counts on Linux)."""
    if sys.platform == "win32":
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            return bool(ctypes.windll.winmm.waveOutGetNumDevs())  # type: ignore[attr-defined]
        return False
    if sys.platform == "darwin":
        return True
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR", "/nonexistent"))
    if (runtime / "pipewire-0").exists() or (runtime / "pulse" / "native").exists():
        return True
    try:
        cards = Path("/proc/asound/cards").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return bool(cards.strip()) and "no soundcards" not in cards


def choose_output() -> tuple[Player | None, Tts | None]:
    """The player and TTS the display uses: the file sink when set, else the OS's when there is a device."""
    sink = os.environ.get(SINK_ENV)
    if sink:
        return FileSinkPlayer(Path(sink)), None
    if not has_sound_device():
        return None, None
    return find_player(), find_tts()


def describe_output(player: Player | None, tts: Tts | None) -> tuple[str, str]:
    """One plain sentence (Vietnamese, English) about the voice on this PC, for the queue set-up."""
    if isinstance(player, FileSinkPlayer):
        return (f"Âm thanh gọi số được ghi thành tệp WAV trong {player.folder} (không phát ra loa).",
                f"Call audio is written as WAV files into {player.folder} (not played).")
    if player is None and tts is None:
        return ("Máy này không phát được âm thanh (không có loa hoặc thiết bị âm thanh): số gọi chỉ hiện trên "
                "màn hình chờ.", "This PC cannot play sound (no speakers or sound device): calls are only shown "
                "on the waiting-room display.")
    names = ", ".join(x.name for x in (player, tts) if x is not None)
    return f"Âm thanh gọi số phát qua: {names}.", f"Call audio plays through: {names}."
