"""What a supplement request (form 02) asks for, kept in the one-line reason of the status change.

Why a format: the reason of a move is stored and synced as one clean line (whitespace collapsed, no control
characters), so the clerk's "one document per line" was merged into one row on form 02 and its "Lý do" column
stayed empty. The dialog now writes ``"doc 1; doc 2 | Lý do: why"``: readable as it is on the central server
and in the history, and split back here into one printed row per document, each with the reason.
A reason written before this format (free text) reads as documents split at ";" with no separate reason.
"""

from __future__ import annotations

from app.domain.text import clean_text

MARKER = " | Lý do: "


def encode(documents: list[str], reason: str) -> str:
    """One line from the documents (one per entry; a ";" inside a name becomes ",") and the common reason."""
    names = [clean_text(d).replace(";", ",") for d in documents]
    text = "; ".join(n for n in names if n)
    why = clean_text(reason)
    return f"{text}{MARKER}{why}" if why else text


def decode(text: str) -> tuple[list[str], str]:
    """(documents, reason) from a stored reason; the reason is "" when the text carries none."""
    head, marker, why = clean_text(text).partition(MARKER.strip())
    if not marker:
        head, why = clean_text(text), ""
    documents = [part.strip() for part in head.rstrip(" |").split(";") if part.strip()]
    return documents, why.strip()
