"""Words as the search index's tokenizer cuts them, so every quoted FTS5 term is one token.

Why: the index keeps no word positions (``detail=none``, schema step ``schema_store_compact``: 400 bytes a
dossier less), and such an index answers no phrase query. A quoted term that the tokenizer cuts in two ("a_b",
or a letter newer than the tokenizer's Unicode tables between two others) is a phrase, and FTS5 refuses the
whole query. So the typed words are cut where ``unicode61`` cuts them: ASCII letters and digits are word
characters and ``_`` is not; any other character is asked of SQLite's own tokenizer once (cached).
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.store import driver

_RUN = re.compile(r"[^\W_]+")
_PROBE = 'CREATE VIRTUAL TABLE probe USING fts5(x, tokenize = "unicode61 remove_diacritics 2")'


def split(text: str) -> list[str]:
    """The runs of ``text`` the tokenizer keeps as words ("a_b xꟊy" -> ["a", "b", "x", "y"])."""
    out: list[str] = []
    for run in _RUN.findall(text):
        if run.isascii():
            out.append(run)
            continue
        word = ""
        for ch in run:
            if ch.isascii() or not _separator(ch):
                word += ch
            elif word:
                out.append(word)
                word = ""
        if word:
            out.append(word)
    return out


@lru_cache(maxsize=4096)
def _separator(ch: str) -> bool:
    """Whether ``unicode61`` cuts words at ``ch`` (asked of the same SQLite build the store runs on)."""
    conn = driver.connect(":memory:", None)
    try:
        conn.execute(_PROBE)
        conn.execute("INSERT INTO probe (x) VALUES (?)", (f"a{ch}b",))
        return conn.execute("SELECT 1 FROM probe WHERE probe MATCH '\"a\"'").fetchone() is not None
    finally:
        conn.close()
