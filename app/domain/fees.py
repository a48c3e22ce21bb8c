"""Fees and charges collected at the counter.

Why: the receipt and the payment slip print the amount, and a wrong amount is money taken wrongly from a
citizen. Many commune fees are set by each province's People's Council, so the catalogue leaves them empty
(``null``): such a fee stays "not set" until the office configures it — never a guessed number. The one
computed fee is the certified copy from an original (Circular 226/2016/TT-BTC): 2,000 VND per page for pages
1–2, 1,000 VND per page from page 3, at most 200,000 VND per copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.errors import ValidationError
from app.domain.numbers import grouped

KINDS = ("free", "fixed", "per_case", "per_copy", "per_page", "unset")
PAGE3_PLUS_VND = 1_000
MAX_PER_COPY_VND = 200_000
FULL_PRICE_PAGES = 2
MAX_PAGES = 10_000
MAX_COPIES = 1_000


@dataclass(frozen=True)
class FeeRule:
    """How a procedure's fee is computed; ``amount_vnd`` None means the province has not set it yet.

    For "per_page", ``amount_vnd`` is the price of each of the first two pages.
    """

    kind: str
    amount_vnd: int | None
    unit: str = ""
    page3_plus_vnd: int = PAGE3_PLUS_VND
    max_per_copy_vnd: int = MAX_PER_COPY_VND

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValidationError(
                "fee",
                f"loại phí “{self.kind}” không hợp lệ (chỉ nhận {', '.join(KINDS)}).",
                f"unknown fee kind “{self.kind}” (expected one of {', '.join(KINDS)}).",
            )
        if self.amount_vnd is not None and (isinstance(self.amount_vnd, bool) or self.amount_vnd < 0):
            raise ValidationError(
                "fee", f"mức phí {self.amount_vnd} không hợp lệ.", f"invalid fee amount {self.amount_vnd}."
            )

    @classmethod
    def from_catalog(cls, fee: Mapping[str, Any] | None) -> FeeRule:
        """The "fee" object of procedures.json (None -> "unset"; a null amount stays None)."""
        if not fee:
            return cls("unset", None)
        kind = str(fee.get("kind") or "unset")
        amount = fee.get("amount_vnd")
        if kind == "free" and amount is None:
            amount = 0
        return cls(
            kind=kind,
            amount_vnd=None if amount is None else int(amount),
            unit=str(fee.get("unit") or ""),
            page3_plus_vnd=int(fee.get("page3_plus_vnd") or PAGE3_PLUS_VND),
            max_per_copy_vnd=int(fee.get("max_per_copy_vnd") or MAX_PER_COPY_VND),
        )

    @property
    def is_set(self) -> bool:
        """False while the office still has to configure the amount."""
        return self.kind == "free" or (self.kind != "unset" and self.amount_vnd is not None)

    @property
    def per_copy(self) -> bool:
        """True when the amount is multiplied by the number of copies."""
        return self.kind in ("per_copy", "per_page") or self.unit == "per_copy"


def compute_fee(rule: FeeRule, pages: int | None = None, copies: int = 1) -> int | None:
    """The amount to collect in VND; None when the amount is not set (never guessed).

    ValidationError field "copies" (1–1000) or "pages" (1–10000 when given; required for per-page fees).
    """
    if isinstance(copies, bool) or not 1 <= copies <= MAX_COPIES:
        raise ValidationError(
            "copies",
            f"số bản phải từ 1 đến {MAX_COPIES} (đã nhập {copies}).",
            f"the number of copies must be 1–{MAX_COPIES} ({copies} given).",
        )
    if pages is not None and (isinstance(pages, bool) or not 1 <= pages <= MAX_PAGES):
        # whatever the fee: the page count is stored with the dossier and printed (it was -1 on a free procedure)
        raise ValidationError(
            "pages",
            f"số trang phải từ 1 đến {MAX_PAGES} (đã nhập {pages}).",
            f"the number of pages must be 1–{MAX_PAGES} ({pages} given).",
        )
    if rule.kind == "per_page" and pages is None:
        raise ValidationError(
            "pages",
            f"phải nhập số trang của bản chính, từ 1 đến {MAX_PAGES}.",
            f"the number of pages of the original is required, 1–{MAX_PAGES}.",
        )
    if rule.kind == "free":
        return 0
    if rule.kind == "unset" or rule.amount_vnd is None:
        return None
    if rule.kind == "per_page" and pages is not None:  # pages was checked above
        full = min(pages, FULL_PRICE_PAGES) * rule.amount_vnd
        reduced = max(pages - FULL_PRICE_PAGES, 0) * rule.page3_plus_vnd
        return min(full + reduced, rule.max_per_copy_vnd) * copies
    return rule.amount_vnd * copies if rule.per_copy else rule.amount_vnd


def format_vnd(amount: int | None, lang: str = "vi") -> str:
    """ "12.000 đ" (Vietnamese) or "12,000 VND" (English); "Chưa quy định" / "Not set" for None."""
    if amount is None:
        return "Not set" if lang == "en" else "Chưa quy định"
    if lang == "en":
        return f"{grouped(amount, 'en')} VND"
    return f"{grouped(amount)} đ"
