"""The command line's argument parser: a mistyped option gets one line in the user's language, not a usage dump.

Why: argparse answers ``--pages abc`` with the whole usage block and an English sentence, where every other bad
input gets "Lỗi: <field>: <reason>" (exit code 2). Here argparse's own messages are put into that form, naming the
option and the value, with a pointer to ``-h``; an unknown message shape is kept as argparse wrote it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from app.cli.errors import EXIT_INVALID
from app.domain.errors import ValidationError

_TYPES_VI = {"int": "số nguyên", "float": "số"}
_TYPES_EN = {"int": "a whole number", "float": "a number"}

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, str]]]
_RULES: list[Rule] = [
    (re.compile(r"""argument (?P<opt>\S+): invalid (?P<type>\w+) value: (?P<q>['"])(?P<value>.*)(?P=q)$""", re.S),
     lambda m: (f"{m['opt']}: “{m['value']}” không phải {_TYPES_VI.get(m['type'], 'giá trị hợp lệ')}",
                f"{m['opt']}: “{m['value']}” is not {_TYPES_EN.get(m['type'], 'a valid value')}")),
    (re.compile(
        r"""argument (?P<opt>\S+): invalid choice: (?P<q>['"]?)(?P<value>.*?)(?P=q) \(choose from (?P<choices>.*)\)$""",
        re.S),
     lambda m: (f"{m['opt']}: “{m['value']}” không hợp lệ (chọn một trong: {m['choices']})",
                f"{m['opt']}: “{m['value']}” is not one of {m['choices']}")),
    (re.compile(r"argument (?P<opt>\S+): expected (?:one|at least one) argument$"),
     lambda m: (f"{m['opt']}: thiếu giá trị sau tùy chọn", f"{m['opt']}: a value must follow the option")),
    (re.compile(r"the following arguments are required: (?P<opts>.*)$", re.S),
     lambda m: (f"thiếu {m['opts']}", f"missing {m['opts']}")),
    (re.compile(r"one of the arguments (?P<opts>.*) is required$", re.S),
     lambda m: (f"cần một trong các tùy chọn {m['opts']}", f"one of {m['opts']} is needed")),
    (re.compile(r"argument (?P<opt>\S+): not allowed with argument (?P<other>\S+)$"),
     lambda m: (f"{m['opt']} không dùng cùng {m['other']}", f"{m['opt']} cannot be used with {m['other']}")),
    (re.compile(r"unrecognized arguments: (?P<args>.*)$", re.S),
     lambda m: (f"không hiểu tham số: {m['args']}", f"unknown arguments: {m['args']}")),
    (re.compile(r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.*)$", re.S),
     lambda m: (f"{m['opt']} có thể là {m['matches']}: hãy viết đủ tên tùy chọn",
                f"{m['opt']} could be {m['matches']}: write the option in full")),
]


def plain_message(message: str) -> tuple[str, str]:
    """argparse's sentence as (Vietnamese, English)."""
    for pattern, say in _RULES:
        match = pattern.match(message)
        if match:
            return say(match)
    return message, message


def chosen_language(argv: Sequence[str]) -> str:
    """``--lang`` from the command line (not parsed yet: this is what failed), else ``MOTCUA_LANG``, else vi."""
    lang = os.environ.get("MOTCUA_LANG") or "vi"
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return "en" if lang.startswith("en") else "vi"


class CliParser(argparse.ArgumentParser):
    """argparse with one-line errors; its sub-command parsers are of the same class (argparse's parser_class)."""

    argv: Sequence[str] = ()  # set by :func:`app.cli.run_cli` before parsing, for the language

    def error(self, message: str) -> NoReturn:
        vi, en = plain_message(message)
        exc = ValidationError("arguments", f"{vi} (xem: {self.prog} -h)", f"{en} (see: {self.prog} -h)")
        lang = chosen_language(CliParser.argv)
        prefix = "Lỗi" if lang == "vi" else "Error"
        sys.stderr.write(f"{prefix}: {exc.message(lang)}\n")
        sys.exit(EXIT_INVALID)
