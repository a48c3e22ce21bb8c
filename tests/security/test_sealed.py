"""Sealed files (attachments, the sync token): readable with the store key only, for their purpose only."""

from __future__ import annotations

import os

import pytest

from app.security.sealed import Sealer, SealError, is_sealed
from app.security.sealed_token import SealedTokenFile
from tests.security.conftest import PEOPLE, leaks

SCAN = ("Căn cước công dân: " + " ".join(PEOPLE[0])).encode("utf-8") * 50


def test_a_sealed_scan_holds_no_personal_data_and_opens_with_the_store_key(ctx, tmp_path):
    path = tmp_path / "att" / "scan.jpg"
    Sealer(ctx.store.key, "attachments").write(path, SCAN)
    assert is_sealed(path) and leaks(path.read_bytes()) == []
    assert Sealer(ctx.store.key, "attachments").read(path) == SCAN
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("how", ["other key", "other purpose", "changed byte", "cut short"])
def test_a_sealed_file_refuses_anything_but_its_key_and_purpose(ctx, tmp_path, how):
    path = tmp_path / "scan.jpg"
    Sealer(ctx.store.key, "attachments").write(path, SCAN)
    sealer = Sealer(ctx.store.key, "attachments")
    if how == "other key":
        sealer = Sealer(os.urandom(32), "attachments")
    elif how == "other purpose":
        sealer = Sealer(ctx.store.key, "sync-token")
    elif how == "changed byte":
        blob = bytearray(path.read_bytes())
        blob[40] ^= 1
        path.write_bytes(bytes(blob))
    else:
        path.write_bytes(path.read_bytes()[:20])
    with pytest.raises(SealError) as err:
        sealer.read(path)
    assert "sai khóa hoặc tệp hỏng" in err.value.user_message("vi")


def test_a_legacy_plain_file_is_read_and_sealed_in_place(ctx, tmp_path):
    path = tmp_path / "old.jpg"
    path.write_bytes(SCAN)
    sealer = Sealer(ctx.store.key, "attachments")
    assert sealer.read(path) == SCAN
    assert sealer.seal_in_place(path) and not sealer.seal_in_place(path)
    assert leaks(path.read_bytes()) == [] and sealer.read(path) == SCAN


def test_the_sync_token_is_sealed_and_a_plain_one_is_sealed_on_first_read(ctx, tmp_path):
    token = "tok_" + "x7" * 20
    path = tmp_path / "sync.token"
    path.write_text(token, "utf-8")  # as a version before encryption left it
    tokens = SealedTokenFile(path, ctx.store.key)
    assert tokens.load() == token
    assert token.encode() not in path.read_bytes() and is_sealed(path)
    assert SealedTokenFile(path, ctx.store.key).load() == token
    assert SealedTokenFile(path, os.urandom(32)).load() is None, "another store's key: enrol again"
    tokens.clear()
    assert tokens.load() is None
