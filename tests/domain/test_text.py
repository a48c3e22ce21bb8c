"""NFC cleaning and the accent-insensitive search key."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.text import clean_text, fold, nfc


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Nguyễn Văn Mạnh", "nguyen van manh"),
        ("Đặng", "dang"),
        ("ĐỖ THỊ   ĐÀO", "do thi dao"),
        ("  Lê\tHữu\nPhước ", "le huu phuoc"),
        (unicodedata.normalize("NFD", "Trần Thị Hồng"), "tran thi hong"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_clean_text() -> None:
    assert clean_text(None) == ""
    assert clean_text("  a \t b\n\nc ") == "a b c"
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    assert clean_text(decomposed) == "Nguyễn"
    assert len(clean_text(decomposed)) == 6


def test_nfc() -> None:
    assert nfc(unicodedata.normalize("NFD", "ệ")) == "\u1ec7"


_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
vietnamese = st.text(alphabet=_LETTERS)


@given(st.text())
def test_clean_text_idempotent(s: str) -> None:
    once = clean_text(s)
    assert clean_text(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(vietnamese)
def test_fold_is_ascii_and_form_independent(s: str) -> None:
    folded = fold(s)
    assert folded.isascii()
    assert folded == fold(unicodedata.normalize("NFD", s)) == fold(s.upper())
    assert fold(folded) == folded
