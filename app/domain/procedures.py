"""Administrative procedures of the catalogue: what the counter receives, with its rules and document list.

Why: intake is driven by the procedure — its national code goes on the receipt and to the provincial system,
its processing rule gives the appointment, its fee rule the amount, its document list the checklist of form
01. The catalogue comes as JSON (``resources/data/procedures.json``, later pushed by the central server),
some records with unknown processing time or fee; this module turns one record into a typed, immutable
``Procedure`` and never invents what the record leaves empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.deadlines import CHANNELS, ProcessingRule
from app.domain.errors import ValidationError
from app.domain.fees import FeeRule
from app.domain.text import clean_text

# National code "1.001193"; a province's local version adds the unit-code suffix ".000.00.00.H37".
_CODE_RE = re.compile(r"[0-9]\.[0-9]{6}(?:\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})?")


@dataclass(frozen=True)
class RequiredDocument:
    """One line of the document checklist: how many originals and copies, and whether it depends on the case.

    ``counts_known`` is False when the catalogue gives no counts (then both are 0). ``present_only``: the
    document is shown to the officer, not handed in. ``channels``: the channels it applies to (empty: all).
    """

    name: str
    originals: int
    copies: int
    conditional: bool
    counts_known: bool = True
    present_only: bool = False
    channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Procedure:
    """A catalogue procedure."""

    code: str
    name_vi: str
    name_en: str
    sector_vi: str
    rule: ProcessingRule
    fee: FeeRule
    documents: tuple[RequiredDocument, ...]
    channels: tuple[str, ...]
    confidence: str

    def documents_for(self, channel: str) -> tuple[RequiredDocument, ...]:
        """The checklist for one reception channel."""
        return tuple(d for d in self.documents if not d.channels or channel in d.channels)


def validate_procedure_code(text: str) -> str:
    """A national procedure code (1.001193) or a local version (1.000593.000.00.00.H37); field "procedure"."""
    code = (text or "").strip().upper()
    if not _CODE_RE.fullmatch(code):
        raise ValidationError(
            "procedure",
            f"mã thủ tục “{code}” không đúng dạng (ví dụ 1.001193 hoặc 1.000593.000.00.00.H37).",
            f"the procedure code “{code}” is malformed (e.g. 1.001193 or 1.000593.000.00.00.H37).",
        )
    return code


def _document(record: Mapping[str, Any]) -> RequiredDocument:
    originals, copies = record.get("original"), record.get("copy")
    known = originals is not None or copies is not None
    return RequiredDocument(
        name=clean_text(str(record.get("name_vi") or "")),
        originals=int(originals or 0),
        copies=int(copies or 0),
        conditional=bool(record.get("conditional")),
        counts_known=known,
        present_only=record.get("kind") == "present",
        channels=tuple(record.get("channel_specific") or ()),
    )


def procedure_from_catalog(record: Mapping[str, Any]) -> Procedure:
    """One record of procedures.json. A missing channel list means the counter only (the safe default)."""
    code = validate_procedure_code(str(record.get("code") or ""))
    name_vi = clean_text(record.get("name_vi"))
    if not name_vi:
        raise ValidationError("procedure", f"thủ tục {code} thiếu tên.", f"procedure {code} has no name.")
    channels = tuple(record.get("channels_allowed") or ("counter",))
    unknown = [c for c in channels if c not in CHANNELS]
    if unknown:
        raise ValidationError(
            "channel",
            f"thủ tục {code} có kênh không hợp lệ: {', '.join(unknown)}.",
            f"procedure {code} lists unknown channels: {', '.join(unknown)}.",
        )
    return Procedure(
        code=code,
        name_vi=name_vi,
        name_en=clean_text(record.get("name_en")),
        sector_vi=clean_text(record.get("sector_vi")),
        rule=ProcessingRule.from_catalog(record.get("processing")),
        fee=FeeRule.from_catalog(record.get("fee")),
        documents=tuple(_document(d) for d in record.get("documents") or ()),
        channels=channels,
        confidence=str(record.get("code_confidence") or ""),
    )
