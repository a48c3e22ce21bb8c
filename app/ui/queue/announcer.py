"""Announcing calls one after another: a chime, then "Mời số A012 đến quầy 3", never two at once.

Why a queue with timers: two counters often call within a second of each other; overlapping voices are
unintelligible, so each announcement waits for the previous one's length (known from the WAV, estimated for a
TTS engine). Nothing blocks the GUI thread: playing is asynchronous and the wait is a single-shot timer.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.ui.queue.sound import Player, SoundFiles, Tts
from app.ui.queue.speech import CHIME, ClipSet, Sound, call_text, call_words

MODES = ("clips", "tts", "off")
PAUSE_MS = 700  # silence between two announcements
MAX_BACKLOG = 8  # a burst of calls beyond this drops the oldest voice (the screen still shows every call)


@dataclass(frozen=True)
class _Part:
    """One step of an announcement: a WAV to play, a text to speak, or a silence to wait."""

    sound: Sound | None = None
    text: str = ""
    pause_ms: int = 0


class Announcer(QObject):
    """``announce(number, counter)`` queues one call; ``spoken`` is emitted as each one starts."""

    spoken = Signal(str, int)

    def __init__(
        self,
        clips: ClipSet,
        player: Player | None,
        tts: Tts | None = None,
        files: SoundFiles | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clips = clips
        self.player = player
        self.tts = tts
        self.mode = "clips"
        self.chime = True
        self._files = files or SoundFiles()
        self._queue: deque[tuple[str, int]] = deque(maxlen=MAX_BACKLOG)
        self._parts: deque[_Part] = deque()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._step)

    @property
    def busy(self) -> bool:
        return self._timer.isActive()

    @property
    def pending(self) -> int:
        """Calls waiting for the voice."""
        return len(self._queue)

    def can_speak(self) -> bool:
        return self.player is not None or self.tts is not None

    def describe(self) -> str:
        """Which output is in use, for the display's footer ("" when there is sound)."""
        if not self.can_speak():
            return self.tr("Máy này không phát được âm thanh: chỉ hiển thị số gọi")
        return ""

    def announce(self, number: str, counter: int) -> None:
        self._queue.append((number, counter))
        if not self.busy:
            self._step()

    def close(self) -> None:
        self._timer.stop()
        self._queue.clear()
        self._parts.clear()
        self._files.close()

    # -- sequencing ------------------------------------------------------------------------------------
    def _plan(self, number: str, counter: int) -> list[_Part]:
        chime = [CHIME] if self.chime else []
        mode = self.mode if self.mode in MODES else "clips"
        if mode == "tts" and self.tts is None:
            mode = "clips"  # "when present": no engine here, the shipped clips speak instead
        words = call_words(number, counter)
        if mode == "clips" and not self.clips.missing([*chime, *words]):
            return [_Part(sound=self.clips.join([*chime, *words]))]
        parts = [_Part(sound=self.clips.join(chime))] if chime and not self.clips.missing(chime) else []
        if mode != "off" and self.tts is not None:
            parts.append(_Part(text=call_text(number, counter)))
        return parts

    def _step(self) -> None:
        """Play the next part of the current call, or start the next call; the timer brings us back."""
        if not self._parts:
            if not self._queue:
                return
            number, counter = self._queue.popleft()
            self._parts.extend([*self._plan(number, counter), _Part(pause_ms=PAUSE_MS)])
            self.spoken.emit(number, counter)
        part = self._parts.popleft()
        ms = part.pause_ms
        if part.sound is not None and self.player is not None:
            self.player.play(self._files.write(part.sound.data))
            ms = int(part.sound.seconds * 1000)
        elif part.text and self.tts is not None:
            ms = int(self.tts.speak(part.text) * 1000)
        self._timer.start(max(1, ms))
