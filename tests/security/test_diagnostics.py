"""The diagnostics bundle holds no citizen's data at all: searched in the zip's bytes and in every member."""

from __future__ import annotations

import logging
import unicodedata
import zipfile

from app.services.logs import close_logging, export_diagnostics, setup_logging
from tests.security.conftest import PEOPLE, folded, leaks


def test_the_diagnostics_zip_holds_no_personal_data(ctx, people, tmp_path):
    setup_logging(ctx.data_dir)
    try:
        log = logging.getLogger("motcua.careless")
        for name, id_number, phone, address in PEOPLE:  # the worst a careless line elsewhere could write
            log.warning("retry %s / %s / %s / %s", name, id_number, phone, address)
            log.warning("nfd %s; search %r; upper %s", unicodedata.normalize("NFD", name), folded(name), name.upper())
        log.info("received %s", people[0])
    finally:
        close_logging()
    out = export_diagnostics(ctx.data_dir, tmp_path / "diag.zip")
    blob = out.read_bytes()
    assert leaks(blob) == []
    with zipfile.ZipFile(out) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    assert "logs/motcua.log" in members and people[0].encode() in members["logs/motcua.log"], "the log is there"
    for name, data in members.items():
        assert leaks(data) == [], name
        assert leaks(data.upper()) == [] and leaks(data.lower()) == [], name
        assert ctx.store.key.hex().encode() not in data.lower(), "nor the store key"
    assert b'"key_storage": "key-file"' in members["store.json"]
