"""What the waiting-room display says for a call, as words, as clip files, and as one WAV to play.

Why clips: the display must speak with no network and no installed voice, so each word of "Mời số A012 đến
quầy 3" is a short WAV shipped in ``resources/sounds/vi`` and the sentence is the clips joined in memory
(stdlib ``wave``, no audio library). Ticket numbers are read digit by digit ("A không một hai"), the way they
are printed; counter numbers are read as numbers ("quầy mười lăm"). No Qt here: tested as plain Python.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.domain.queue import parse_number

# Clip name -> the Vietnamese word (the text a local TTS engine gets instead of the clips).
DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
LETTER_NAMES = {
    "A": "a", "B": "bê", "C": "xê", "D": "dê", "E": "e", "F": "ép", "G": "giê", "H": "hát", "I": "i",
    "J": "gi", "K": "ca", "L": "e lờ", "M": "em mờ", "N": "en nờ", "O": "o", "P": "pê", "Q": "quy",
    "R": "e rờ", "S": "ét xì", "T": "tê", "U": "u", "V": "vê", "W": "vê kép", "X": "ích xì", "Y": "i dài",
    "Z": "dét",
}  # fmt: skip
WORDS: dict[str, str] = {
    "moi_so": "Mời số",
    "den_quay": "đến quầy",
    "muoi": "mười",
    "muoi_tens": "mươi",
    "mot_tens": "mốt",
    "lam": "lăm",
    "tu": "tư",
    **{f"digit_{i}": word for i, word in enumerate(DIGITS)},
    **{f"letter_{letter.lower()}": name for letter, name in LETTER_NAMES.items()},
}
CHIME = "chime"
GAP_SECONDS = 0.05  # between words, so digits read one by one stay apart


def counter_words(n: int) -> list[str]:
    """Clip names that read counter ``n`` (1–99) the Vietnamese way: 15 "mười lăm", 21 "hai mươi mốt"."""
    if not 1 <= n <= 99:
        raise ValueError(f"counter {n} is outside 1–99")
    tens, unit = divmod(n, 10)
    if tens == 0:
        return [f"digit_{unit}"]
    words = ["muoi"] if tens == 1 else [f"digit_{tens}", "muoi_tens"]
    if unit == 0:
        return words
    if unit == 5:
        return [*words, "lam"]
    if unit == 1 and tens > 1:
        return [*words, "mot_tens"]
    if unit == 4 and tens > 1:
        return [*words, "tu"]
    return [*words, f"digit_{unit}"]


def call_words(number: str, counter: int) -> list[str]:
    """Clip names of "Mời số A012 đến quầy 3"."""
    letter, _ = parse_number(number)
    digits = number.strip().upper()[1:]
    return ["moi_so", f"letter_{letter.lower()}", *(f"digit_{d}" for d in digits), "den_quay", *counter_words(counter)]


def call_text(number: str, counter: int) -> str:
    """The same sentence as text, for a local TTS engine ("Mời số a, không, một, hai, đến quầy ba")."""
    letter, _ = parse_number(number)
    digits = [DIGITS[int(d)] for d in number.strip().upper()[1:]]
    counter_text = " ".join(WORDS[w] for w in counter_words(counter))
    return ", ".join([f"Mời số {LETTER_NAMES[letter]}", *digits, f"đến quầy {counter_text}"])


@dataclass(frozen=True)
class Sound:
    """A WAV ready to play, and how long it lasts (to space announcements)."""

    data: bytes
    seconds: float


class ClipSet:
    """The shipped clips of one voice; reads each file once."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._cache: dict[str, tuple[wave._wave_params, bytes]] = {}

    def missing(self, names: Iterable[str]) -> list[str]:
        return [n for n in names if not (self.folder / f"{n}.wav").is_file()]

    def _clip(self, name: str) -> tuple[wave._wave_params, bytes]:
        if name not in self._cache:
            with wave.open(str(self.folder / f"{name}.wav"), "rb") as w:
                self._cache[name] = (w.getparams(), w.readframes(w.getnframes()))
        return self._cache[name]

    def join(self, names: list[str]) -> Sound:
        """One WAV of the clips in order, with a short silence between words; all clips share one format."""
        params, _ = self._clip(names[0])
        gap = b"\x00" * (int(params.framerate * GAP_SECONDS) * params.sampwidth * params.nchannels)
        frames: list[bytes] = []
        for name in names:
            p, data = self._clip(name)
            if (p.nchannels, p.sampwidth, p.framerate) != (params.nchannels, params.sampwidth, params.framerate):
                raise ValueError(f"clip {name}.wav is not {params.framerate} Hz/{params.sampwidth * 8}-bit mono")
            frames += [data, gap]
        body = b"".join(frames)
        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(params.nchannels)
            w.setsampwidth(params.sampwidth)
            w.setframerate(params.framerate)
            w.writeframes(body)
        seconds = len(body) / (params.framerate * params.sampwidth * params.nchannels)
        return Sound(out.getvalue(), seconds)
