"""Dossier search: what the clerk typed -> the dossiers meant, best first, fast in a million-dossier store.

Relevance. Every word must match (as a prefix, accents and đ folded) inside ONE field, never spread over
several: "nguyen van manh" must not find "Nguyễn Thị Mạnh" because "văn" is in her procedure's name. Results
come in tiers, newest first inside a tier:

1. exact: the dossier code, the ID number or the phone number typed in full (a scanned receipt, a card);
2. a query with digits: the code, ID number and phone fields; then names; then procedures;
   a query of words only (a name): names; then procedures; then codes.

Speed. The list's views (today, open, overdue, a procedure…) are filters; a view's dossiers are searched
newest first, ``RECENT_WINDOW`` at a time, row by row in Python (one indexed query each), instead of walking
every full-text match newest first until enough pass the filter (linear in the store): today's dossiers at a
busy ward are one window. One-letter words have no FTS prefix index (``prefix = '2 3'``), so they are searched
that way too. Otherwise FTS5 answers the plain all-words query (column filters make it decode
positions, several times slower) a page at a time, and the one-field rule and the tiers are applied to each
page in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from app.domain.text import fold
from app.store.db import Store

RECENT_WINDOW = 5000
MAX_PAGES = 4  # pages of full-text matches read to fill one page of results
_TOKEN = re.compile(r"\w+", re.UNICODE)
_FIELDS = ("code", "applicant", "id_number", "phone", "procedure")
_DIGIT_TIERS = (("code", "id_number", "phone"), ("applicant",), ("procedure",))
_NAME_TIERS = (("applicant",), ("procedure",), ("code",))
_EntryRow = tuple[int, str, str, str, str, str]  # rowid and the five indexed fields (already folded)


def words(text: str) -> list[str]:
    """The folded words of ``text`` ("Nguyễn Văn" -> ["nguyen", "van"])."""
    return _TOKEN.findall(fold(text))


def tiers_for(query_words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Which fields are searched, in order of relevance, for these words."""
    return _DIGIT_TIERS if any(c.isdigit() for w in query_words for c in w) else _NAME_TIERS


def fts_expression(query_words: Sequence[str], fields: Sequence[str]) -> str:
    """An FTS5 query: every word a quoted prefix, all required, inside ``fields`` (a column filter)."""
    return "{" + " ".join(fields) + "} : (" + " AND ".join(f'"{w}"*' for w in query_words) + ")"


def search(store: Store, text: str, limit: int, where: Sequence[str] = (), params: Sequence[Any] = ()) -> list[int]:
    """Row ids of the dossiers matching ``text`` and the filter (SQL on ``dossiers``), best first."""
    query_words = words(text)
    if not query_words or limit <= 0:
        return []
    found: dict[int, None] = dict.fromkeys(_exact(store, text, where, params))
    before: int | None = None
    if where or min(len(w) for w in query_words) < 2:
        # The view's dossiers newest first, RECENT_WINDOW at a time, matched in Python (MAX_PAGES windows at
        # most): a big view (all open dossiers, a procedure) or a one-letter word (no FTS prefix index) would
        # make FTS5 walk every match of the store; only what is older than the windows goes to FTS5.
        for _ in range(MAX_PAGES):
            older = [*where, "seq < ?"] if before is not None else list(where)
            recent = _entries_where(store, older, [*params, before] if before is not None else params, RECENT_WINDOW)
            _add(found, (r[0] for r in _match_rows(recent, query_words)), limit)
            if len(found) >= limit or len(recent) < RECENT_WINDOW:
                return list(found)[:limit]
            before = recent[-1][0]
    # The plain all-words query is the fast one for FTS5 (column filters make it decode positions); the
    # words-in-one-field rule and the tiers are then applied to the fetched entries, a page at a time.
    match = " AND ".join(f'"{w}"*' for w in query_words)
    for _ in range(MAX_PAGES):
        older = before is not None
        page = _fts(store, match, limit, [*where, "dossier_search.rowid < ?"] if older else where,
                    [*params, before] if older else params)
        _add(found, (r[0] for r in _match_rows(page, query_words)), limit)
        if len(page) < limit or len(found) >= limit:
            break
        before = page[-1][0]
    return list(found)[:limit]


def _add(found: dict[int, None], seqs: Iterable[int], limit: int) -> None:
    for seq in seqs:
        if len(found) >= limit:
            return
        found.setdefault(seq)


def _exact(store: Store, text: str, where: Sequence[str], params: Sequence[Any]) -> list[int]:
    """Dossiers whose code, ID number or phone is exactly ``text``."""
    typed = text.strip()
    if not typed or " " in typed:
        return []
    digits = typed if typed.isdigit() else ""
    filt = "".join(f" AND {w}" for w in where)
    sql = f"SELECT seq FROM dossiers WHERE code = ?{filt} ORDER BY seq DESC"
    out = [r[0] for r in store.execute(sql, (typed.upper(), *params)).fetchall()]
    if digits:
        match = fts_expression([digits], ("id_number", "phone")).replace("*", "")
        out += [row[0] for row in _fts(store, match, 50, where, params)]
    return out


def _fts(store: Store, match: str, limit: int, where: Sequence[str], params: Sequence[Any]) -> list[_EntryRow]:
    """The newest ``limit`` index entries matching ``match`` (and the filter), with their fields."""
    cols = "dossier_search.rowid, dossier_search.code, applicant, dossier_search.id_number, dossier_search.phone," \
        " procedure"
    if not where:
        sql = f"SELECT {cols} FROM dossier_search WHERE dossier_search MATCH ? ORDER BY rowid DESC LIMIT ?"
        return [tuple(r) for r in store.execute(sql, (match, limit)).fetchall()]  # type: ignore[misc]
    # The filter's columns exist only in dossiers, so they need no table prefix next to the search table.
    sql = (
        f"SELECT {cols} FROM dossier_search JOIN dossiers ON dossiers.seq = dossier_search.rowid"
        " WHERE dossier_search MATCH ? AND " + " AND ".join(where) + " ORDER BY dossier_search.rowid DESC LIMIT ?"
    )
    return [tuple(r) for r in store.execute(sql, (match, *params, limit)).fetchall()]  # type: ignore[misc]


def _entries_where(store: Store, where: Sequence[str], params: Sequence[Any], limit: int = -1) -> list[_EntryRow]:
    """The index entries of the (newest ``limit``) dossiers the filter leaves, newest first, made from the
    rows themselves (one query, folded as :func:`app.store.dossiers.index` folds them)."""
    sql = (
        "SELECT seq, code, applicant_name, id_number, phone, procedure_code || ' ' || procedure_name FROM dossiers"
        + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY seq DESC LIMIT ?"
    )
    return [
        (seq, _fold(code), _fold(name), idn, phone, _fold(proc))
        for seq, code, name, idn, phone, proc in store.execute(sql, (*params, limit)).fetchall()
    ]


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return fold(text)  # names and procedures repeat: fold each once


def _match_rows(rows: Sequence[_EntryRow], query_words: Sequence[str]) -> list[_EntryRow]:
    """The same rule as the FTS tiers, in Python, on rows already newest first: tier by tier.

    A field becomes " word word … " once (cached: names and procedures repeat), so "every word is a prefix of
    some word of the field" is a substring test for " word" per query word.
    """
    columns = [[_FIELDS.index(f) + 1 for f in fields] for fields in tiers_for(query_words)]
    needles = [" " + w for w in query_words]
    ranked: list[list[_EntryRow]] = [[] for _ in columns]
    for row in rows:
        for rank, cols in enumerate(columns):
            hay = _spaced(row[cols[0]]) if len(cols) == 1 else "".join(_spaced(row[c]) for c in cols)
            if all(n in hay for n in needles):
                ranked[rank].append(row)
                break
    return [row for tier in ranked for row in tier]


@lru_cache(maxsize=65536)
def _spaced(value: str | None) -> str:
    return " " + " ".join(_TOKEN.findall(value or "")) + " "
