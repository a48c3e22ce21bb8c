"""Scanning with the SANE ``test`` backend (a real SANE device, Debian's libsane1) and the hot folder."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from app.attachments.errors import AttachmentError
from app.domain.errors import ValidationError
from app.scanning import sane as scanning_sane
from app.scanning.hotfolder import DONE_DIR, FAILED_DIR, HotFolder
from app.services import attachments as att
from app.services import scanning
from tests.attachments.conftest import receive_cli
from tests.cli.test_cli import motcua

needs_sane = pytest.mark.skipif(not shutil.which("scanimage"), reason="sane-utils not installed")
GRID = "--test-picture Grid -x 200 -y 200"


def _written(ctx) -> tuple[int, int]:
    return ctx.store.scalar("SELECT COUNT(*) FROM attachments"), ctx.store.scalar("SELECT COUNT(*) FROM audit_log")


@needs_sane
def test_scan_two_pages_from_the_sane_test_device(ctx, code):
    scanning.choose_scanner(ctx, "test:0", 300, "grey", options=(GRID,))
    doc = scanning.scan_into(ctx, code, 2, pages=2)
    assert doc.pages == 2 and doc.bytes <= 2 * 150_000
    again = scanning.scan_into(ctx, code, 2)  # "scan next page"
    assert again.pages == 3


@needs_sane
@pytest.mark.parametrize(
    ("device", "options", "words"),
    [
        ("test:0", "--read-return-value SANE_STATUS_IO_ERROR", "Error during device I/O"),  # unplugged mid-scan
        ("test:0", "--read-return-value SANE_STATUS_JAMMED", "jammed"),
        ("khong-co:0", "", "khong-co:0"),
    ],
)
def test_a_scanner_that_fails_mid_scan_writes_nothing(ctx, code, device, options, words):
    scanning.choose_scanner(ctx, device, 150, "grey", options=(options,) if options else ())
    before = _written(ctx)
    with pytest.raises(AttachmentError) as err:
        scanning.scan_into(ctx, code, 1)
    message = err.value.user_message("vi")
    assert message.startswith(device) and "ngắt kết nối" in message and words.lower() in message.lower()
    assert err.value.exit_code == 3 and "\n" not in message
    assert _written(ctx) == before


def test_no_scanner_chosen_and_bad_choices(ctx, code):
    with pytest.raises(ValidationError) as err:
        scanning.scan_into(ctx, code, 1)
    assert err.value.field == "scanner"
    for kwargs in ({"resolution": 20}, {"mode": "sepia"}):
        with pytest.raises(ValidationError):
            scanning.choose_scanner(ctx, "test:0", **kwargs)  # type: ignore[arg-type]


def test_hot_folder_takes_settled_files_in_order_and_sets_bad_ones_aside(ctx, code, page_files, tmp_path):
    folder = tmp_path / "scan"
    folder.mkdir()
    shutil.copy(page_files["grey.png"], folder / "scan-001.png")
    shutil.copy(page_files["bw.tif"], folder / "scan-002.tif")
    (folder / "scan-003.png").write_bytes(b"not really a png")
    report = scanning.import_hot_folder(ctx, code, 1, folder, settle_seconds=0.1)
    assert report.attached == ["scan-001.png", "scan-002.tif"] and report.document and report.document.pages == 2
    assert [name for name, _ in report.rejected] == ["scan-003.png"]
    assert sorted(p.name for p in (folder / DONE_DIR).iterdir()) == ["scan-001.png", "scan-002.tif"]
    assert "không phải ảnh" in (folder / FAILED_DIR / "scan-003.png.txt").read_text(encoding="utf-8")
    again = scanning.import_hot_folder(ctx, code, 1, folder, settle_seconds=0.1)  # second run: nothing new
    assert again.attached == [] and att.document_pages(ctx, code)[0].pages == 2


def test_a_file_still_being_written_waits(tmp_path):
    hot = HotFolder(tmp_path, settle_seconds=1.0)
    growing = tmp_path / "p.jpg"
    growing.write_bytes(b"x" * 10)
    assert hot.ready(now=0.0) == []
    growing.write_bytes(b"x" * 20)  # the printer is still writing
    assert hot.ready(now=1.5) == []
    assert hot.ready(now=2.0) == []  # size seen at 1.5, not yet settled
    assert hot.ready(now=2.6) == [growing]


@needs_sane
@pytest.mark.slow
def test_scan_cli_lists_chooses_and_scans(data_dir, tmp_path, monkeypatch):
    conf = tmp_path / "sane.d"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(conf))
    devices = json.loads(motcua(data_dir, "scan", "--list", "--json").stdout)
    assert any(d["name"].startswith("test:") for d in devices)
    code = receive_cli(data_dir)
    motcua(data_dir, "scan", "--choose", "test:0", "--option", GRID)
    out = json.loads(motcua(data_dir, "scan", code, "--document", "2", "--json").stdout)
    assert out["pages"] == 1 and out["position"] == 2
    motcua(data_dir, "scan", "--choose", "test:0", "--option", "--read-return-value SANE_STATUS_IO_ERROR")
    failed = motcua(data_dir, "scan", code, "--document", "2", check=False)
    assert failed.returncode == 3 and "test:0" in failed.stderr and failed.stderr.count("\n") == 1


@pytest.mark.slow
def test_hot_folder_cli_once(data_dir, page_files, tmp_path):
    code = receive_cli(data_dir)
    folder = tmp_path / "scan"
    folder.mkdir()
    shutil.copy(page_files["grey.png"], folder / "a.png")
    out = motcua(
        data_dir, "scan", code, "--document", "2", "--hot-folder", str(folder), "--once", "--settle", "0.2", "--json"
    )
    data = json.loads(out.stdout)
    assert data["attached"] == ["a.png"] and data["document"]["pages"] == 1
    again = json.loads(
        motcua(
            data_dir,
            "scan",
            code,
            "--document",
            "2",
            "--hot-folder",
            str(folder),
            "--once",
            "--settle",
            "0.2",
            "--json",
        ).stdout
    )
    assert again["attached"] == [] and again["document"] is None


STUCK_SCANIMAGE = """#!{python}
# A scanimage whose driver hangs in its clean-up after the batch (seen with SANE's test backend on 1-2 % of failed
# reads): it reports the batch, then never exits.
import sys, time
batch = next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--batch="))
print("Scanning page 1", file=sys.stderr)
if "{fail}":
    print("scanimage: sane_read: Error during device I/O", file=sys.stderr)
else:
    from PIL import Image
    Image.new("L", (200, 280), 255).save(batch % 1)
print("Batch terminated, 1 page scanned", file=sys.stderr, flush=True)
time.sleep(600)
"""


@pytest.mark.parametrize("fail", [True, False])
def test_a_scanimage_stuck_after_its_batch_is_not_waited_out(ctx, code, tmp_path, monkeypatch, fail):
    import sys

    fake = tmp_path / "bin" / "scanimage"
    fake.parent.mkdir()
    fake.write_text(STUCK_SCANIMAGE.format(python=sys.executable, fail="yes" if fail else ""), "utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(scanning_sane, "TIMEOUT_PER_PAGE", 60.0)
    scanning.choose_scanner(ctx, "test:0", 150, "grey")
    before = _written(ctx)
    if fail:  # the read error is reported, not "stopped answering" after the whole timeout
        with pytest.raises(AttachmentError) as err:
            scanning.scan_into(ctx, code, 1)
        message = err.value.user_message("vi")
        assert "ngắt kết nối" in message and "Error during device I/O" in message, message
        assert _written(ctx) == before
    else:  # every page arrived before the driver hung: the scan counts
        assert scanning.scan_into(ctx, code, 1).pages == 1
