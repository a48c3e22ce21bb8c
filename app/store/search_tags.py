"""The dossier list's view keys spelled as words of the dossier's full-text row, so a search in a view is one
FTS5 query and FTS5 intersects the view with the typed words itself (issue 18, item 8).

Why words: the list's views (today, a status, the open statuses, a procedure) cover from a few hundred to a
million dossiers; filtering full-text matches afterwards walks every match of the whole store when the view is
small or the words are rare in it. As words (``zs10`` status, ``zd20261209`` received day, ``zp1004873``
procedure) they sit in the ``tags`` column and are ANDed into the MATCH. Vietnamese has no ``z`` and codes,
ID numbers and phones have none either, so no typed word reaches a tag by accident; the search's one-field rule
never looks at ``tags`` anyway.

Dense views are said by what they are not. The terminal statuses (returned above all) pile up for years: at
1,000,000 dossiers ``zs10`` is 98% of the index, and ANDing it makes FTS5 step through its whole doclist beside
the typed words (half of a sparse search's time). A set of statuses that holds a terminal one is written as
``NOT`` every other status instead (:func:`excluded_statuses`): FTS5 then only probes those short lists at the
typed words' matches. Every dossier has exactly one status of :class:`app.domain.status.Status`, so both
spellings select the same rows.

One spelling, in SQL: the row's tags are computed from the ``dossiers`` row by :func:`tags_sql` both when the
search entry is written (:func:`app.store.dossiers.index`) and by the trigger that rewrites them when a
dossier's status, day or procedure changes, so they cannot disagree with the row.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.status import TERMINAL, Status
from app.store import fts_words


def tags_sql(row: str) -> str:
    """SQL for the tags of the ``dossiers`` row named ``row`` (a table alias, or ``new`` in a trigger)."""
    return (
        f"'zs' || {row}.status || ' zd' || replace({row}.received_day, '-', '')"
        f" || ' zp' || replace({row}.procedure_code, '.', '')"
    )


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def status_terms(statuses: Iterable[int]) -> str:
    """An FTS5 term for "any of these statuses"."""
    terms = [_phrase(f"zs{int(s)}") for s in statuses]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def excluded_statuses(statuses: Iterable[int]) -> str | None:
    """For a set of statuses that holds a terminal one, the FTS5 term of every other status (to put after
    ``NOT``; empty: there is no other); ``None`` for a set of open statuses only (few dossiers: their own terms
    are the fast spelling)."""
    wanted = {int(s) for s in statuses}
    if not wanted & {int(s) for s in TERMINAL}:
        return None
    others = [int(s) for s in Status if int(s) not in wanted]
    return status_terms(others) if others else ""


def day_term(day: str) -> str:
    return _phrase("zd" + day.replace("-", ""))


def procedure_term(code: str) -> str | None:
    """The term of the procedure's tag: the same text the row's tag was made of. None when the tokenizer would cut
    it in two (a code with a separator left, never one of the catalogue's): the index answers no phrase, so the
    caller checks such a procedure on the dossiers row instead."""
    parts = fts_words.split("zp" + code.replace(".", ""))
    return _phrase(parts[0]) if len(parts) == 1 else None
