"""Fixtures of the attachment tests: page files generated once per run, and a received dossier with a checklist."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.attachments.pages import text_page

PROCEDURE_WITH_TWO_DOCUMENTS = "1.001699"


@pytest.fixture(scope="session")
def page_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small scan-like pages (A6 at 300 dpi keeps the run fast) in the formats clerks meet."""
    folder = tmp_path_factory.mktemp("pages")
    small = (1240, 1748)
    files: dict[str, Path] = {}
    for seed, (name, fmt, mode) in enumerate(
        (("grey.png", "PNG", "L"), ("bw.tif", "TIFF", "1"), ("colour.jpg", "JPEG", "RGB"), ("grey2.png", "PNG", "L")),
        start=1,
    ):
        img = text_page(seed, size=small)
        if mode == "1":
            img = img.point(lambda v: 255 if v > 140 else 0).convert("1")
        elif mode == "RGB":
            img = img.convert("RGB")
        files[name] = folder / name
        img.save(files[name], fmt, dpi=(300, 300))
    return files


@pytest.fixture
def code(ctx) -> str:
    from app.services.receive import ReceiveInput, receive_dossier

    result = receive_dossier(
        ctx,
        ReceiveInput(
            procedure_code=PROCEDURE_WITH_TWO_DOCUMENTS, applicant_name="Nguyễn Văn Mạnh", id_number="001085012345"
        ),
    )
    assert len(result.documents) == 2
    return result.dossier["code"]


def receive_cli(data_dir: Path) -> str:
    """Receive a dossier with a two-row checklist through the real ``motcua`` process; returns its code."""
    import json

    from tests.cli.test_cli import motcua

    out = motcua(
        data_dir,
        "dossier",
        "receive",
        "--procedure",
        PROCEDURE_WITH_TWO_DOCUMENTS,
        "--name",
        "Trần Thị Bình",
        "--id-number",
        "001085012345",
        "--json",
    )
    return str(json.loads(out.stdout)["code"])
