"""The spoken call: which words, read the Vietnamese way, from clips that are shipped and small."""

from __future__ import annotations

import wave

import pytest

from app.paths import resource
from app.ui.queue.speech import CHIME, WORDS, ClipSet, call_text, call_words, counter_words

CLIPS = resource("sounds", "vi")


@pytest.mark.parametrize(
    "n, words",
    [
        (3, ["ba"]),
        (10, ["mười"]),
        (11, ["mười", "một"]),
        (15, ["mười", "lăm"]),
        (20, ["hai", "mươi"]),
        (21, ["hai", "mươi", "mốt"]),
        (24, ["hai", "mươi", "tư"]),
        (25, ["hai", "mươi", "lăm"]),
        (99, ["chín", "mươi", "chín"]),
    ],
)
def test_counter_numbers_are_read_as_numbers(n, words):
    assert [WORDS[w] for w in counter_words(n)] == words


def test_counter_outside_range():
    for n in (0, 100):
        with pytest.raises(ValueError):
            counter_words(n)


def test_ticket_numbers_are_read_digit_by_digit():
    assert call_words("A012", 3) == ["moi_so", "letter_a", "digit_0", "digit_1", "digit_2", "den_quay", "digit_3"]
    assert call_text("A012", 3) == "Mời số a, không, một, hai, đến quầy ba"
    assert call_text("B1000", 12) == "Mời số bê, một, không, không, không, đến quầy mười hai"


def test_every_word_is_shipped_as_a_small_16khz_mono_clip():
    clips = ClipSet(CLIPS)
    assert clips.missing([*WORDS, CHIME]) == []
    for path in CLIPS.glob("*.wav"):
        with wave.open(str(path)) as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000), path.name
    total = sum(p.stat().st_size for p in CLIPS.glob("*.wav"))
    assert total < 1_500_000


def test_clips_join_into_one_wav_with_its_length():
    sound = ClipSet(CLIPS).join([CHIME, *call_words("C004", 21)])
    with wave.open(__import__("io").BytesIO(sound.data)) as w:
        assert w.getframerate() == 16000
        assert abs(w.getnframes() / 16000 - sound.seconds) < 0.01
    assert 3 < sound.seconds < 9


def test_a_clip_in_another_format_is_refused(tmp_path):
    for name, rate in (("moi_so", 16000), ("den_quay", 22050)):
        with wave.open(str(tmp_path / f"{name}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(b"\x00\x00" * 100)
    with pytest.raises(ValueError, match="den_quay"):
        ClipSet(tmp_path).join(["moi_so", "den_quay"])
