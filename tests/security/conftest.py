"""Known citizens received into a store, and the byte forms in which their data must never appear on disk."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from app.services.receive import ReceiveInput, receive_dossier

# (name, 12-digit ID number, phone, address): names with tone marks and đ, so NFC and NFD differ.
PEOPLE = (
    ("Nguyễn Thị Hường", "001190012345", "0912345678", "Thôn Đông Hòa, xã Mẫu Sơn"),
    ("Trần Văn Đức", "024085067891", "0987654321", "Xóm Bãi Cháy"),
    ("Lê Quỳnh Anh", "036203000456", "0356789012", "Tổ 5 phường Hồng Gai"),
)


def needles() -> dict[str, bytes]:
    """Every personal value in UTF-8 (NFC and NFD) and UTF-16 (LE and BE, NFC and NFD)."""
    found: dict[str, bytes] = {}
    for person in PEOPLE:
        for value in person:
            for form in ("NFC", "NFD"):
                text = unicodedata.normalize(form, value)
                for codec in ("utf-8", "utf-16-le", "utf-16-be"):
                    found[f"{value!r} {form} {codec}"] = text.encode(codec)
            found[f"{value!r} folded"] = folded(value).encode("utf-8")  # as the search index stores it
    return found


def folded(text: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def leaks(blob: bytes) -> list[str]:
    return [label for label, needle in needles().items() if needle in blob]


def receive_people(ctx: object) -> list[str]:
    codes = []
    for name, id_number, phone, address in PEOPLE:
        result = receive_dossier(
            ctx,  # type: ignore[arg-type]
            ReceiveInput("1.004873", name, id_number, phone=phone, address=address),
        )
        codes.append(result.code)
    return codes


@pytest.fixture
def people(ctx: object) -> list[str]:
    """The known people received into the test store; returns their dossier codes."""
    return receive_people(ctx)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.is_file())
