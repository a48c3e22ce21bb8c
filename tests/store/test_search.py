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


@pytest.fixture
def mixed(ctx):
    """Three people whose words overlap across fields; "văn" is also inside a procedure name."""
    made = {}
    for key, proc, name, idn in (
        ("thi", "1.004873", "Nguyễn Thị Mạnh", "001085099999"),
        ("van", "1.004873", "Nguyễn Văn Mạnh", "001085012345"),
        ("other", "2.000884", "Trần Minh", "079301234567"),
    ):
        made[key] = receive_dossier(ctx, ReceiveInput(proc, name, idn)).code
    return made


def test_words_spread_over_fields_do_not_match(ctx, mixed):
    proc_names = [r[0] for r in ctx.store.execute("SELECT name_vi FROM procedures")]
    assert any("văn" in n.lower() for n in proc_names)  # the trap is armed
    from app.domain.text import fold

    van_procs = {r[0] for r in ctx.store.execute("SELECT code, name_vi FROM procedures") if " van" in fold(r[1])}
    for code in van_procs:
        receive_dossier(ctx, ReceiveInput(code, "Nguyễn Thị Mạnh", "001085088888", pages=1))
    names = [r["applicant_name"] for r in search_rows(ctx.store, "nguyen van manh")]
    assert names == ["Nguyễn Văn Mạnh"]


def test_an_exact_code_or_id_comes_first(ctx, mixed):
    target = receive_dossier(ctx, ReceiveInput("1.004873", "Lê Văn Tám", "001085055555", phone="0793012345")).code
    for i in range(3):  # newer dossiers whose ID numbers start with the same ten digits
        receive_dossier(ctx, ReceiveInput("1.004873", "Lê Văn Tám", f"07930123459{i}"))
    assert search_rows(ctx.store, "0793012345")[0]["code"] == target
    assert search_rows(ctx.store, "079301234590")[0]["id_number"] == "079301234590"
    assert search_rows(ctx.store, mixed["other"])[0]["code"] == mixed["other"]


def test_a_name_query_lists_names_before_procedures(ctx, mixed):
    from app.domain.text import fold

    rows = ctx.store.execute("SELECT code, name_vi FROM procedures").fetchall()
    code = next(r[0] for r in rows if "chung thuc" in fold(r[1]))
    receive_dossier(ctx, ReceiveInput("1.004873", "Chung Thực Anh", "001085066666"))  # older; a name that matches
    receive_dossier(ctx, ReceiveInput(code, "Lê Thị Hoa", "001085077777", pages=1))  # newer; "chứng thực" in procedure
    names = [r["applicant_name"] for r in search_rows(ctx.store, "chung thuc")]
    assert names[0] == "Chung Thực Anh" and "Lê Thị Hoa" in names[1:]


def test_filtered_small_set_ranks_the_same_as_the_index(ctx, mixed):
    from app.store.dossiers import ListFilter, search_seqs

    for q in ("nguyen van manh", "manh", "0793", "n", "chung thuc", mixed["van"]):
        assert search_seqs(ctx.store, q, flt=ListFilter(open_only=True)) == search_seqs(ctx.store, q), q


def test_every_view_finds_what_it_holds(ctx, mixed):
    """Every view (its tags in the MATCH, or the rest of the filter joined and bounded by its oldest row) gives
    the unfiltered result restricted to the view, in the same order."""
    from app.store.dossiers import ListFilter, list_seqs, search_seqs

    for code, name in (("2.000884", "Nguyễn Văn Chứng"), ("1.004873", "Trần Thị Mạnh"), ("2.000884", "Lê Văn")):
        receive_dossier(ctx, ReceiveInput(code, name, "001085012399", pages=1))
    views = [ListFilter(procedure_code="2.000884"), ListFilter(procedure_code="1.004873"), ListFilter(open_only=True),
             ListFilter(status=9), ListFilter(open_only=True, procedure_code="2.000884")]
    for q in ("nguyen", "van", "manh", "n", "l", "chung thuc", "0010", "001085012399", mixed["other"], "x"):
        everywhere = search_seqs(ctx.store, q)
        for flt in views:
            held = set(list_seqs(ctx.store, flt))
            assert search_seqs(ctx.store, q, flt=flt) == [s for s in everywhere if s in held], (q, flt)


def test_a_one_letter_query_finds_every_word_starting_with_it(ctx):
    """One letter is spelled through the two-letter prefix index: the letter as a word, then a letter, an accented
    letter, đ or a digit after it; the result is every dossier a row-by-row reading of the rule finds."""
    from app.store.dossiers import ListFilter, list_seqs, search_seqs
    from app.store.search import words

    for name in ("Lê Văn A", "Hồ Thị Hà", "Đinh Đức", "Ông Ích Khiêm", "Hứa Bảo", "Ngô Y"):
        receive_dossier(ctx, ReceiveInput("1.004873", name, "001085012399", pages=1))
    rows = ctx.store.execute("SELECT seq, code, applicant_name, id_number, phone, procedure_name FROM dossiers")
    fields = {r[0]: [words(v or "") for v in r[1:]] for r in rows.fetchall()}
    for q in ("a", "h", "d", "đ", "o", "i", "y", "k", "0", "6", "q"):
        expected = {seq for seq, f in fields.items() if any(w.startswith(words(q)[0]) for ws in f for w in ws)}
        assert set(search_seqs(ctx.store, q, limit=1000)) == expected, q
        view = ListFilter(open_only=True)
        held = set(list_seqs(ctx.store, view))
        assert set(search_seqs(ctx.store, q, limit=1000, flt=view)) == expected & held, q
    assert search_seqs(ctx.store, "a", limit=1000)[0] == max(  # names first, newest first
        seq for seq, f in fields.items() if "a" in f[1])


def test_a_search_that_runs_out_of_candidates_says_so(ctx):
    """Words spread over fields make candidates that the one-field rule turns down; when the candidate budget
    ends first, the answer must not pass for every match (the list would say "0 hồ sơ" while one exists)."""
    from app.store import search
    from app.store.dossiers import by_code

    code = receive_dossier(ctx, ReceiveInput("1.004873", "Chung Văn Mạnh", "001090000011")).code
    older = by_code(ctx.store, code)["seq"]
    for i in range(10):  # newer: "chung" only in the procedure's name (Chứng thực), "manh" only in the name
        receive_dossier(ctx, ReceiveInput("2.000884", "Nguyễn Thị Mạnh", f"0010900001{i:02d}"))
    short = search.search(ctx.store, "chung manh", limit=2)
    assert short == [] and short.partial, "2 × MAX_PAGES candidates read, more left: partial"
    whole = search.search(ctx.store, "chung manh", limit=20)
    assert whole == [older] and not whole.partial
    assert not search.search(ctx.store, "nguyen thi manh", limit=2).partial, "a full page is not partial"
