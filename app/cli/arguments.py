"""Checks every parsed argument shares, before any command runs.

Why: an argument the OS could not decode (invalid bytes in an address arrive as lone surrogates) crashed deep
in SQLite or the PDF writer with a traceback, and a number with 40 digits overflowed SQLite's integers. Here
both become one clear message naming the option.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.domain.errors import ValidationError

MAX_INT_ARG = 10**12  # larger than any count, amount or year the app knows; small enough for SQLite and dates


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def check_arguments(args: argparse.Namespace) -> None:
    for name, value in vars(args).items():
        _check(name, value)


def _check(name: str, value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(
                "arguments",
                f"{_option(name)} có byte không phải UTF-8 hợp lệ",
                f"{_option(name)} has bytes that are not valid UTF-8",
            ) from None
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT_ARG:
        raise ValidationError(
            "arguments", f"{_option(name)}: số quá lớn ({str(value)[:20]}…)", f"{_option(name)}: number too large"
        )
    elif isinstance(value, list | tuple):
        for item in value:
            _check(name, item)
