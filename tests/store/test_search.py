"""Accent-insensitive prefix search, both ways, with đ ≡ d."""

from __future__ import annotations

import pytest

from app.services.queries import search_rows
from app.services.receive import ReceiveInput, receive_dossier


@pytest.fixture
def filled(ctx):
    people = [
        ("Nguyễn Văn Mạnh", "001085012345", "0912345678"),
        ("Đặng Thị Thu", "079301234567", "0987654321"),
        ("Lê Dũng", "001090000001", ""),
    ]
    codes = {}
    for name, idn, phone in people:
        codes[name] = receive_dossier(ctx, ReceiveInput("1.004873", name, idn, phone=phone)).code
    receive_dossier(ctx, ReceiveInput("2.000884", "Trần Minh", "001090000002"))
    return codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van manh", "Nguyễn Văn Mạnh"),
        ("Nguyễn Văn Mạnh", "Nguyễn Văn Mạnh"),
        ("ngu", "Nguyễn Văn Mạnh"),
        ("dang", "Đặng Thị Thu"),
        ("Đặng", "Đặng Thị Thu"),
        ("dung", "Lê Dũng"),
        ("079301", "Đặng Thị Thu"),
        ("0987", "Đặng Thị Thu"),
    ],
)
def test_finds_by_name_id_and_phone(ctx, filled, query, expected):
    names = [r["applicant_name"] for r in search_rows(ctx.store, query)]
    assert expected in names
    # Only the expected person's dossier among the three 1.004873 ones (other procedures' names may match).
    assert [n for n in names if n != "Trần Minh"] == [expected]


def test_finds_by_code_and_procedure(ctx, filled):
    code = filled["Lê Dũng"]
    assert [r["code"] for r in search_rows(ctx.store, code)] == [code]
    assert [r["applicant_name"] for r in search_rows(ctx.store, "chung thuc chu ky")] == ["Trần Minh"]


def test_odd_input_is_harmless(ctx, filled):
    for q in ('"', "HS-2025", "*", "(", "AND", ""):
        search_rows(ctx.store, q)


def test_search_and_filter_combine(ctx, filled):
    from app.store.dossiers import ListFilter, search_seqs

    everyone = search_seqs(ctx.store, "0")  # every phone/ID starting with 0
    only_cert = search_seqs(ctx.store, "0", flt=ListFilter(procedure_code="2.000884"))
    assert len(only_cert) == 1 and set(only_cert) < set(everyone)
    assert search_seqs(ctx.store, "dang", flt=ListFilter(status=9)) == []
    assert search_seqs(ctx.store, "dang", flt=ListFilter(open_only=True)) == search_seqs(ctx.store, "dang")
