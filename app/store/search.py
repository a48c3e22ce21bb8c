"""Dossier search: what the clerk typed -> the dossiers meant, best first, fast in a million-dossier store.

Relevance. Every word must match (as a prefix, accents and đ folded) inside ONE field, never spread over
several: "nguyen van manh" must not find "Nguyễn Thị Mạnh" because "văn" is in her procedure's name. Results
come in tiers, newest first inside a tier:

1. exact: the dossier code, the ID number or the phone number typed in full (a scanned receipt, a card);
2. a query with digits: the code, ID number and phone fields; then names; then procedures;
   a query of words only (a name): names; then procedures; then codes.

Speed. The list's views (today, open, overdue, a procedure…) are filters; a filter that leaves few dossiers
(``SMALL_SET``, e.g. today's at a busy ward) is searched row by row in Python on those rows' index entries,
instead of walking every full-text match newest first until enough pass the filter (linear in the store).
One-letter words have no FTS prefix index (``prefix = '2 3'``), so the newest ``RECENT_WINDOW`` rows are
searched row by row first and the full-text index only when they do not fill the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from app.domain.text import fold
from app.store.db import Store

SMALL_SET = 3000
RECENT_WINDOW = 5000
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
    if where and _at_most(store, where, params, SMALL_SET):
        rows = _entries_where(store, where, params)
        _add(found, _match_rows(rows, query_words), limit)
        return list(found)[:limit]
    if min(len(w) for w in query_words) < 2 and not where:
        top = store.scalar("SELECT MAX(rowid) FROM dossier_search") or 0
        recent = store.execute(
            "SELECT rowid, code, applicant, id_number, phone, procedure FROM dossier_search"
            " WHERE rowid > ? ORDER BY rowid DESC",
            (top - RECENT_WINDOW,),
        ).fetchall()
        _add(found, _match_rows(recent, query_words), limit)
        if len(found) >= limit or top <= RECENT_WINDOW:
            return list(found)[:limit]
    for fields in tiers_for(query_words):
        if len(found) >= limit:
            break
        _add(found, _fts(store, fts_expression(query_words, fields), limit, where, params), limit)
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
        out += _fts(store, match, 50, where, params)
    return out


def _fts(store: Store, match: str, limit: int, where: Sequence[str], params: Sequence[Any]) -> list[int]:
    if not where:
        sql = "SELECT rowid FROM dossier_search WHERE dossier_search MATCH ? ORDER BY rowid DESC LIMIT ?"
        return [r[0] for r in store.execute(sql, (match, limit)).fetchall()]
    # The filter's columns exist only in dossiers, so they need no table prefix next to the search table.
    sql = (
        "SELECT dossier_search.rowid FROM dossier_search JOIN dossiers ON dossiers.seq = dossier_search.rowid"
        " WHERE dossier_search MATCH ? AND " + " AND ".join(where) + " ORDER BY dossier_search.rowid DESC LIMIT ?"
    )
    return [r[0] for r in store.execute(sql, (match, *params, limit)).fetchall()]


def _at_most(store: Store, where: Sequence[str], params: Sequence[Any], n: int) -> bool:
    sql = "SELECT COUNT(*) FROM (SELECT 1 FROM dossiers WHERE " + " AND ".join(where) + f" LIMIT {n + 1})"
    return int(store.scalar(sql, tuple(params))) <= n


def _entries_where(store: Store, where: Sequence[str], params: Sequence[Any]) -> list[_EntryRow]:
    seqs = [r[0] for r in store.execute("SELECT seq FROM dossiers WHERE " + " AND ".join(where), params)]
    out: list[_EntryRow] = []
    get = "SELECT rowid, code, applicant, id_number, phone, procedure FROM dossier_search WHERE rowid = ?"
    for seq in sorted(seqs, reverse=True):
        row = store.execute(get, (seq,)).fetchone()
        if row is not None:
            out.append(tuple(row))  # type: ignore[arg-type]
    return out


def _match_rows(rows: Sequence[_EntryRow], query_words: Sequence[str]) -> list[int]:
    """The same rule as the FTS tiers, in Python, on rows already newest first: tier by tier."""
    tiers = tiers_for(query_words)
    ranked: list[list[int]] = [[] for _ in tiers]
    for row in rows:
        tokens = {name: _TOKEN.findall(value or "") for name, value in zip(_FIELDS, row[1:], strict=True)}
        for rank, fields in enumerate(tiers):
            pool = [t for f in fields for t in tokens[f]]
            if all(any(t.startswith(w) for t in pool) for w in query_words):
                ranked[rank].append(row[0])
                break
    return [seq for tier in ranked for seq in tier]
