"""Playing a WAV without an audio library, and speaking with a local TTS engine when there is one.

Why not QtMultimedia: it is not in PySide6-Essentials (it comes with PySide6-Addons, ~150 MB more, with
QtWebEngine); the display only needs to play a short WAV now and then. So: QtMultimedia when it happens to
be installed, else the player the OS already has — ``winsound`` (Python's standard library on Windows, the
counters' OS), ``afplay`` on macOS, ``pw-play``/``paplay``/``aplay`` on Linux — started without waiting.
With none of them the display stays silent and says so; calls are still shown.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Protocol

LINUX_PLAYERS = (("pw-play",), ("paplay",), ("aplay", "-q"))
TTS_ENGINES = ("espeak-ng", "espeak")
TTS_SECONDS_PER_WORD = 0.42  # espeak-ng's Vietnamese at 135 words a minute, for spacing announcements


class Player(Protocol):
    name: str

    def play(self, path: Path) -> None: ...


class WinSoundPlayer:
    name = "winsound"

    def play(self, path: Path) -> None:
        if sys.platform == "win32":  # the guard also tells type checkers on other systems to skip this
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT)


class CommandPlayer:
    """An OS command that plays a file (``aplay -q FILE``); runs in the background, reaped on the next play."""

    def __init__(self, argv: tuple[str, ...]) -> None:
        self.argv = argv
        self.name = argv[0]
        self._running: list[subprocess.Popen[bytes]] = []

    def play(self, path: Path) -> None:
        self._running = [p for p in self._running if p.poll() is None]
        self._running.append(
            subprocess.Popen(
                [*self.argv, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        )


class QtSoundPlayer:
    """QSoundEffect, used only when PySide6-Addons (QtMultimedia) is installed."""

    name = "QtMultimedia"

    def __init__(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        self._effect = QSoundEffect()

    def play(self, path: Path) -> None:
        from PySide6.QtCore import QUrl

        self._effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect.play()


def find_player() -> Player | None:
    """The first way to play a WAV on this computer, or None."""
    with contextlib.suppress(ImportError):
        return QtSoundPlayer()
    if sys.platform == "win32":
        return WinSoundPlayer()
    candidates = (("afplay",),) if sys.platform == "darwin" else LINUX_PLAYERS
    for argv in candidates:
        if shutil.which(argv[0]):
            return CommandPlayer(argv)
    return None


class Tts(Protocol):
    name: str

    def speak(self, text: str) -> float: ...


class EspeakTts:
    """espeak-ng's Vietnamese voice, speaking straight to the sound card; returns the estimated seconds."""

    def __init__(self, exe: str) -> None:
        self.exe = exe
        self.name = Path(exe).name

    def speak(self, text: str) -> float:
        subprocess.Popen(
            [self.exe, "-v", "vi", "-s", "135", text],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return 0.5 + TTS_SECONDS_PER_WORD * len(text.replace(",", " ").split())


def find_tts() -> Tts | None:
    for name in TTS_ENGINES:
        exe = shutil.which(name)
        if exe:
            return EspeakTts(exe)
    return None


class SoundFiles:
    """A few temporary WAV files used in turn, so a file is never rewritten while it is still playing."""

    def __init__(self, slots: int = 4) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="motcua-sound-"))
        self._slots = slots
        self._next = 0

    def write(self, data: bytes) -> Path:
        path = self._dir / f"announce-{self._next}.wav"
        self._next = (self._next + 1) % self._slots
        path.write_bytes(data)
        return path

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)
