"""Dossier search: what the clerk typed -> the dossiers meant, best first, fast in a million-dossier store.

Relevance. Every word must match (as a prefix, accents and đ folded) inside ONE field, never spread over
several: "nguyen van manh" must not find "Nguyễn Thị Mạnh" because "văn" is in her procedure's name. Results
come in tiers, newest first inside a tier:

1. exact: the dossier code, the ID number or the phone number typed in full (a scanned receipt, a card;
   grouped digits, +84 and a code without its dots included: :mod:`app.domain.typed_keys`);
2. a query with digits: the code, ID number and phone fields; then names; then procedures;
   a query of words only (a name): names; then procedures; then codes.

Speed. The list's views (today, open, overdue, a procedure…) are filters. Each dossier's full-text row carries
its view keys as tag words (status, received day, procedure: :mod:`app.store.search_tags`), so a search in a view
is one FTS5 query, the typed words AND the view's tags, read newest first a page at a time: FTS5 intersects the
view with the words in its own doclists, however big or small the view and however rare the words in it. What
the tags cannot say (a due date, a channel: the overdue and due-today views) is checked on the dossiers row by a
CROSS JOIN (SQLite never walks the view's index and probes the full-text index per row), no older than the
view's oldest dossier. Words of two to six letters ("nguyen") are single lookups in FTS5's prefix indexes.

A one-letter word has no prefix index of its own (FTS5 would merge every term starting with the letter into
one list before returning a row: the whole store for "n"). When no longer word can drive FTS5, it is spelled as
the word itself OR every two-character prefix it can start (``"n" OR "na"* OR … OR "n9"*``: :func:`letter_terms`),
each a lookup in the two-letter prefix index that FTS5 reads lazily, newest first, like any other term. The
indexed text is folded (:func:`app.domain.text.fold`) and tokenized into letters and digits, so a word's second
character is one of a-z 0-9 unless the name has letters outside Vietnamese and English (such a word is still
found by typing two of its letters). One-letter words beside longer ones are left to the one-field rule in Python.

The one-field rule and the tiers are applied to each page in Python. At most ``MAX_PAGES`` pages of candidates
are read: when they run out before a page of results is filled and more candidates remain, the answer is
:class:`Hits` with ``partial`` set, and the list says the count covers only the newest dossiers (type more to
narrow) instead of presenting it as every match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.domain.text import fold
from app.domain.typed_keys import dotless_code, whole_number
from app.store import fts_words, search_pending
from app.store.db import Store

MAX_PAGES = 4  # pages of full-text matches read to fill one page of results
EXACT_MATCHES = 50  # dossiers with the typed ID or phone number listed first
EXACT_CANDIDATES = 2000  # index entries holding the number read to find them (a code's day or number also holds it)
_SECOND = "abcdefghijklmnopqrstuvwxyz0123456789"  # what follows the first character of a folded, indexed word
_FIELDS = ("code", "applicant", "id_number", "phone", "procedure")
_DIGIT_TIERS = (("code", "id_number", "phone"), ("applicant",), ("procedure",))
_NAME_TIERS = (("applicant",), ("procedure",), ("code",))
_EntryRow = tuple[int, str, str, str, str, str]  # rowid and the five indexed fields (already folded)


class Hits(list[int]):
    """Row ids, best first; ``partial``: the candidate budget ran out first, so older matches may exist."""

    partial: bool = False


def words(text: str) -> list[str]:
    """The folded words of ``text`` ("Nguyễn Văn" -> ["nguyen", "van"])."""
    return fts_words.split(fold(text))


def tiers_for(query_words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Which fields are searched, in order of relevance, for these words."""
    return _DIGIT_TIERS if any(c.isdigit() for w in query_words for c in w) else _NAME_TIERS


@dataclass(frozen=True)
class ViewTags:
    """The list's view as FTS5 tag terms (:mod:`app.store.search_tags`): ``terms`` ANDed into the MATCH,
    ``excluded`` after its NOT, and whether they are the whole filter; if not, the rest (a due date, a channel)
    is checked by joining the dossiers."""

    terms: Sequence[str] = ()
    whole: bool = False
    excluded: Sequence[str] = ()


def search(
    store: Store, text: str, limit: int, where: Sequence[str] = (), params: Sequence[Any] = (),
    tags: ViewTags | None = None,
) -> Hits:
    """Row ids of the dossiers matching ``text`` and the filter (SQL on ``dossiers``, and the same filter as
    ``tags`` when the caller has them), best first."""
    query_words = words(text)
    if not query_words or limit <= 0:
        return Hits()
    search_pending.flush(store)  # entries of dossiers received since the background thread's last batch
    found: dict[int, None] = dict.fromkeys(_exact(store, text, where, params))
    # What flush could not write (another writer held the lock) is matched here by the same rule: the newest
    # dossiers, so right after the exact matches (a dossier received a moment ago is always found)
    pending = search_pending.pending_entries(store.conn, where, params)
    _add(found, (r[0] for r in _match_rows(pending, query_words)), limit)  # type: ignore[arg-type]
    tags = tags or ViewTags()
    # One-letter words are left to the one-field rule in Python whenever a longer word can drive FTS5;
    # alone, each is spelled through the two-letter prefix index (see the module's docstring).
    driving = [f'"{w}"*' for w in query_words if len(w) >= 2] or [letter_terms(w) for w in query_words]
    # The plain all-words query is all FTS5 can answer (the index keeps no columns or positions); the
    # words-in-one-field rule and the tiers are then applied to the fetched entries, a page at a time. The
    # view's tags are in the MATCH, so FTS5 intersects the view with the words itself; what the tags cannot
    # say (a due date, a channel) is checked on the dossiers row, no older than the view's oldest dossier.
    match = " AND ".join([*driving, *tags.terms])
    if tags.excluded:
        match = f"({match}) NOT ({' OR '.join(tags.excluded)})"
    joined = list(where) if where and not tags.whole else []
    bounds, values = list(joined), list(params) if joined else []
    if joined:
        oldest = store.scalar("SELECT MIN(seq) FROM dossiers WHERE " + " AND ".join(where), params)
        if oldest is None:
            return Hits(list(found)[:limit])
        bounds.append("dossier_search.rowid >= ?")
        values.append(oldest)
    cursor = _fts_cursor(store, match, limit * MAX_PAGES + 1, bounds, values, join=bool(joined))
    for _ in range(MAX_PAGES):
        page_rows = [tuple(r) for r in cursor.fetchmany(limit)]
        _add(found, (r[0] for r in _match_rows(page_rows, query_words)), limit)  # type: ignore[arg-type]
        if len(page_rows) < limit or len(found) >= limit:
            return Hits(list(found)[:limit])
    hits = Hits(list(found)[:limit])
    hits.partial = cursor.fetchone() is not None  # candidates left unread: older dossiers may match too
    return hits


def letter_terms(letter: str) -> str:
    """FTS5 terms for "a word starting with ``letter``" that use the two-letter prefix index: the one-letter word
    itself OR each two-character prefix (``("n" OR "na"* OR … OR "n9"*)``)."""
    return "(" + " OR ".join([f'"{letter}"', *(f'"{letter}{c}"*' for c in _SECOND)]) + ")"


def _add(found: dict[int, None], seqs: Iterable[int], limit: int) -> None:
    for seq in seqs:
        if len(found) >= limit:
            return
        found.setdefault(seq)


def _exact(store: Store, text: str, where: Sequence[str], params: Sequence[Any]) -> list[int]:
    """Dossiers whose code, ID number or phone is exactly ``text`` (however grouped: :mod:`typed_keys`)."""
    typed = text.strip()
    if not typed:
        return []
    # Only what can be a whole ID number or phone (stored as 12 and 10 digits: app/domain/cccd.py, applicant.py):
    # a short number such as "12" is in every code's words (000.00.12.H62), and with no columns in the index its
    # lookup would walk them all (2.5 s at 1M).
    digits = whole_number(typed)
    filt = "".join(f" AND {w}" for w in where)
    sql = f"SELECT seq FROM dossiers WHERE code = ?{filt} ORDER BY seq DESC"
    out = [r[0] for r in store.execute(sql, (typed.upper(), *params)).fetchall()] if " " not in typed else []
    if digits:  # the index keeps no columns (detail=none): the word anywhere, then ID number or phone kept here
        held = 0
        for row in _fts_cursor(store, f'"{digits}"', EXACT_CANDIDATES, where, params):
            if digits in _words_of(row[3]) or digits in _words_of(row[4]):
                out.append(row[0])
                held += 1
                if held == EXACT_MATCHES:
                    break
    if dotless := dotless_code(typed):  # the code from paper without its dots: its day AND number, compared whole
        day, number, folded = dotless
        for row in _fts_cursor(store, f'"{day}" AND "{number}"', EXACT_CANDIDATES, where, params):
            if (row[1] or "").replace(".", "") == folded:
                out.append(row[0])
    return out


def _words_of(value: str | None) -> list[str]:
    return fts_words.split(value or "")


def _fts_cursor(
    store: Store, match: str, limit: int, where: Sequence[str], params: Sequence[Any], join: bool = True
) -> Any:
    """A cursor over those entries, newest first: read a page at a time, FTS5 sets the query up only once (a
    prefix it has no index for costs a merge of every matching term's list each time it is set up)."""
    cols = "dossier_search.rowid, dossier_search.code, applicant, dossier_search.id_number, dossier_search.phone," \
        " procedure"
    if not join or not where:
        bounds = "".join(f" AND {w}" for w in where)
        sql = f"SELECT {cols} FROM dossier_search WHERE dossier_search MATCH ?{bounds} ORDER BY rowid DESC LIMIT ?"
        return store.execute(sql, (match, *params, limit))
    # The filter's columns exist only in dossiers, so they need no table prefix next to the search table.
    sql = (
        f"SELECT {cols} FROM dossier_search CROSS JOIN dossiers ON dossiers.seq = dossier_search.rowid"
        " WHERE dossier_search MATCH ? AND " + " AND ".join(where) + " ORDER BY dossier_search.rowid DESC LIMIT ?"
    )
    return store.execute(sql, (match, *params, limit))


def _match_rows(rows: Sequence[_EntryRow], query_words: Sequence[str]) -> list[_EntryRow]:
    """The same rule as the FTS tiers, in Python, on rows already newest first: tier by tier.

    A field becomes " word word … " (cached: names and procedures repeat), so "every word is a prefix of some
    word of the field" is a substring test for " word" per query word; for a tier of one field it is made only
    when every word is in the plain text at all (most fields fail that first, cheaper test), once per distinct
    value in the call.
    """
    columns = [[_FIELDS.index(f) + 1 for f in fields] for fields in tiers_for(query_words)]
    needles = [" " + w for w in query_words]
    ranked: list[list[_EntryRow]] = [[] for _ in columns]
    seen: dict[str, bool] = {}
    for row in rows:
        for rank, cols in enumerate(columns):
            if len(cols) > 1:  # several fields (code, ID, phone): mostly distinct values, each field's words cached
                hay = "".join(_spaced(row[c] or "") for c in cols)
                held = all(n in hay for n in needles)
            elif (held := seen.get(value := row[cols[0]] or "")) is None:
                held = seen[value] = all(w in value for w in query_words) and all(
                    n in _spaced(value) for n in needles)
            if held:
                ranked[rank].append(row)
                break
    return [row for tier in ranked for row in tier]


@lru_cache(maxsize=65536)
def _spaced(value: str) -> str:
    return " " + " ".join(fts_words.split(value)) + " "
