"""Rotating log files, and the diagnostics zip that must never carry a citizen's personal data."""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from app.services.context import ServiceContext
from app.services.logs import close_logging, export_diagnostics, setup_logging
from app.services.receive import ReceiveInput, receive_dossier
from app.store.db import DB_FILENAME

CITIZEN = ReceiveInput(
    "1.004873",
    applicant_name="Hoàng Thị Bích Ngọc",
    id_number="001185012346",
    phone="0912345678",
    email="ngoc.hoang@example.vn",
    address="Số 12 ngõ Trúc Lâm, thôn Đông Xá",
)
PERSONAL = [CITIZEN.applicant_name, CITIZEN.id_number, CITIZEN.phone, CITIZEN.email, CITIZEN.address, "Nguyễn Thị Lan"]


@pytest.fixture
def logs(data_dir: Path) -> Iterator[Path]:
    path = setup_logging(data_dir)
    assert path is not None
    yield path
    close_logging()


def test_log_file_rotates_and_stays_capped(data_dir: Path) -> None:
    path = setup_logging(data_dir, max_bytes=5_000)
    try:
        for i in range(2_000):
            logging.getLogger("motcua.test").info("line %d of filler text for rotation", i)
    finally:
        close_logging()
    files = sorted(path.parent.glob("motcua.log*"))  # type: ignore[union-attr]
    assert len(files) == 5 and all(f.stat().st_size <= 5_200 for f in files)


def test_diagnostics_hold_versions_counts_and_logs_but_no_personal_data(
    ctx: ServiceContext, logs: Path, tmp_path: Path
) -> None:
    result = receive_dossier(ctx, CITIZEN)
    log = logging.getLogger("motcua.careless")
    log.info("received %s", result.dossier)  # a careless line elsewhere in the app
    log.warning("retry for %s, phone 0912 345 678, id %s", CITIZEN.applicant_name, CITIZEN.id_number)
    log.info("dossier %s at 2026-11-16 09:00:00", result.code)
    out = export_diagnostics(ctx.data_dir, tmp_path / "diag.zip")
    with zipfile.ZipFile(out) as zf:
        texts = {name: zf.read(name).decode("utf-8") for name in zf.namelist()}
    assert {"versions.json", "store.json", "logs/motcua.log"} <= set(texts)
    for name, text in texts.items():
        for value in [*PERSONAL, "0912 345 678"]:
            assert value not in text, f"{value!r} leaked into {name}"
    assert result.code in texts["logs/motcua.log"] and "2026-11-16 09:00:00" in texts["logs/motcua.log"]
    facts = json.loads(texts["store.json"])
    assert facts["counts"]["dossiers"] == 1 and facts["schema_version"] == facts["schema_latest"]
    assert json.loads(texts["versions.json"])["motcua"] == __version__


def test_diagnostics_still_export_when_the_store_is_garbage(data_dir: Path, tmp_path: Path) -> None:
    (data_dir / DB_FILENAME).write_bytes(b"not a database" * 1000)
    for suffix in ("-wal", "-shm"):
        Path(str(data_dir / DB_FILENAME) + suffix).unlink(missing_ok=True)
    out = export_diagnostics(data_dir, tmp_path / "diag.zip")
    with zipfile.ZipFile(out) as zf:
        assert "error" in json.loads(zf.read("store.json"))
