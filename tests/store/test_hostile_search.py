"""Search as a hostile clerk types it: numbers spaced or in +84 form, codes in lower case or without dots."""

from __future__ import annotations

import unicodedata

import pytest

from app.services.queries import search_rows
from app.services.receive import ReceiveInput, receive_dossier


@pytest.fixture
def people(ctx):
    rows = [
        ("Nguyễn Văn Mạnh", "001085012345", "0912345678"),
        ("Nguyễn Thị Mạnh", "079301234567", "0987654321"),
        ("Đỗ Đình Đạt", "001090000001", ""),
    ]
    return {name: receive_dossier(ctx, ReceiveInput("1.004873", name, idn, phone=phone)).code
            for name, idn, phone in rows}


def _codes(ctx, query: str) -> list[str]:
    return [r["code"] for r in search_rows(ctx.store, query)]


@pytest.mark.parametrize(
    "query",
    ["+84912345678", "+84 912 345 678", "84912345678", "0912 345 678", "0912.345.678", "0912-345-678",
     " 0912345678 "],
)
def test_a_phone_typed_any_usual_way_finds_its_dossier_first(ctx, people, query):
    assert _codes(ctx, query)[:1] == [people["Nguyễn Văn Mạnh"]]


@pytest.mark.parametrize("query", ["001 085 012 345", "001085 012345", "001.085.012.345"])
def test_an_id_number_typed_in_groups_finds_its_dossier_first(ctx, people, query):
    assert _codes(ctx, query)[:1] == [people["Nguyễn Văn Mạnh"]]


def test_codes_in_lower_case_or_without_dots(ctx, people):
    code = people["Đỗ Đình Đạt"]
    for query in (code, code.lower(), code.replace(".", ""), code.replace(".", " "), code.replace("-", " ")):
        assert _codes(ctx, query)[:1] == [code], query


@pytest.mark.parametrize("query", ["do dinh dat", "Đỗ Đình Đạt", unicodedata.normalize("NFD", "đỗ đình đạt"),
                                   "  do   dinh  dat ", "DO DINH DAT", "đo đinh đat"])
def test_names_typed_any_way_find_the_person(ctx, people, query):
    assert _codes(ctx, query) == [people["Đỗ Đình Đạt"]]


def test_a_name_does_not_pick_up_another_persons_middle_name(ctx, people):
    assert _codes(ctx, "nguyen van manh") == [people["Nguyễn Văn Mạnh"]]
    assert _codes(ctx, "nguyen thi manh") == [people["Nguyễn Thị Mạnh"]]
