"""``clean``'s shortcut for text that is clean already gives exactly what the full cleaning gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from app.printing.text import _CONTROL, clean

# the characters clean() treats specially, mixed with Vietnamese letters in both normal forms
PIECES = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", "\x0b", "\x00", "\x7f", "\x85", "\u2028", "\xa0", "\u3000",
                          "ễ", unicodedata.normalize("NFD", "ễ"), "Đ", "a", "Mạnh", "-", "("])


def slow_clean(text: str) -> str:
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


@given(st.lists(PIECES, max_size=12).map("".join))
def test_clean_equals_the_full_cleaning(text: str) -> None:
    assert clean(text) == slow_clean(text)


@given(st.text(max_size=30))
def test_clean_equals_the_full_cleaning_on_any_text(text: str) -> None:
    assert clean(text) == slow_clean(text)


def test_clean_text_comes_back_as_it_is() -> None:
    assert clean("Nguyễn Văn Mạnh") == "Nguyễn Văn Mạnh"
    assert clean(" Nguyễn  Văn\u00a0Mạnh \n\n x") == "Nguyễn Văn Mạnh\nx"
