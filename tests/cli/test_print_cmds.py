"""``motcua print …`` end to end: real store, real files, read back with pdftotext and zbarimg."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from app.cli import run_cli
from app.domain.status import Status
from app.services.receive import DocumentInput, ReceiveInput, receive_dossier
from app.services.status_change import change_status
from tests.printing.escpos_parse import INIT, raster_blocks, stacked
from tests.printing.tools import pdf_lines, pdf_text, render_png, scan, scan_image

RECEIVED = datetime.fromisoformat("2026-11-16T08:30:00+07:00")


@pytest.fixture
def office(ctx, data_dir: Path) -> dict[str, str]:
    """Three dossiers on 2026-11-16: one at the counter asked for supplements, two received by post."""
    docs = (DocumentInput("Tờ khai đăng ký khai sinh", originals=1), DocumentInput("Giấy chứng sinh", originals=1))
    counter = receive_dossier(
        ctx,
        ReceiveInput(
            "1.004873",
            "Nguyễn Thị Ngọc Hường",
            "001085012345",
            phone="0905123456",
            address="Thôn Phước Lý, xã Mẫu Sơn",
            received_at=RECEIVED,
            documents=docs,
        ),
    ).code
    change_status(ctx, counter, Status.SUPPLEMENT, "Giấy chứng sinh bị mờ, cần nộp bản rõ nét")
    posts = [
        receive_dossier(ctx, ReceiveInput("1.004873", name, "001085012345", channel="post", received_at=RECEIVED)).code
        for name in ("Phạm Văn Đức", "Võ Thị Thu Hằng")
    ]
    return {"counter": counter, "post1": posts[0], "post2": posts[1]}


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = run_cli(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.slow
def test_print_receipt_reads_back_and_scans(capsys, data_dir, office, tmp_path):
    out = tmp_path / "r.pdf"
    code, stdout, _ = _run(capsys, data_dir, "print", "receipt", office["counter"].lower(), "--out", str(out), "--json")
    assert code == 0 and json.loads(stdout)["file"] == str(out)
    pdf = out.read_bytes()
    lines = pdf_lines(pdf)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in lines
    assert "Ông/Bà: Nguyễn Thị Ngọc Hường" in lines
    assert "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 16/11/2026" in lines
    assert "Mẫu Sơn, ngày 16 tháng 11 năm 2026" in lines
    assert "Tờ khai đăng ký khai sinh" in lines
    code_text = office["counter"]
    assert sorted(scan(*render_png(pdf, tmp_path))) == sorted([f"CODE-128:{code_text}", f"QR-Code:{code_text}"])


def test_print_receipt_a4_and_unknown_dossier(capsys, data_dir, office, tmp_path):
    out = tmp_path / "r.pdf"
    assert _run(capsys, data_dir, "print", "receipt", office["counter"], "--out", str(out), "--paper", "a4")[0] == 0
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in out.read_bytes()
    code, _, err = _run(capsys, data_dir, "print", "receipt", "000.00.12.H62-261116-9999", "--out", str(out))
    assert code == 4 and "Không tìm thấy hồ sơ" in err and "Traceback" not in err


@pytest.mark.slow
def test_print_forms_take_reasons_from_the_history_or_the_command(capsys, data_dir, office, tmp_path):
    out = tmp_path / "f.pdf"
    assert _run(capsys, data_dir, "print", "form", "02", office["counter"], "--out", str(out))[0] == 0
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Giấy chứng sinh bị mờ, cần nộp bản rõ nét" in text
    code, _, err = _run(capsys, data_dir, "print", "form", "03", office["post1"], "--out", str(out))
    assert code == 2 and "lý do" in err  # never refused: the reason must be given
    args = ("print", "form", "04", office["counter"], "--out", str(out), "--reason", "Chờ xác minh cư trú")
    code, _, err = _run(capsys, data_dir, *args)
    assert code == 2 and "--new-due" in err
    code, _, err = _run(
        capsys, data_dir, *args, "--unit", "Công chức Tư pháp - Hộ tịch", "--new-due", "2026-11-20T15:00", "--force"
    )
    assert code == 0, err
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert (
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text and "15 giờ 00 phút, ngày 20/11/2026" in text
    )
    assert _run(capsys, data_dir, "print", "form", "06", office["counter"], "--out", str(out), "--force")[0] == 0
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in pdf_text(out.read_bytes())


@pytest.mark.slow
def test_print_ticket_as_escpos_and_pdf(capsys, data_dir, tmp_path):
    from app.services.context import ServiceContext
    from app.services.queue import issue_ticket
    from app.services.setup import open_store

    store = open_store(data_dir)
    try:  # the system clock, like the CLI: `print ticket` looks for today's number
        number = issue_ticket(ServiceContext(store=store, data_dir=data_dir), "A", "elderly").ticket.number
    finally:
        store.close()
    out = tmp_path / "t.bin"
    assert (
        _run(capsys, data_dir, "print", "ticket", number, "--out", str(out), "--format", "escpos", "--width", "80")[0]
        == 0
    )
    stream = out.read_bytes()
    assert stream.startswith(INIT) and {b.width_px for b in raster_blocks(stream)} == {576}
    [qr] = scan_image(stacked(raster_blocks(stream)), tmp_path)  # the clerk's scanner reads the printed QR back
    assert qr.startswith("QR-Code:") and number in qr
    assert _run(capsys, data_dir, "print", "ticket", qr.removeprefix("QR-Code:"), "--out", str(out), "--force")[0] == 0
    pdf = tmp_path / "t.pdf"
    assert _run(capsys, data_dir, "print", "ticket", number, "--out", str(pdf))[0] == 0
    assert number in pdf_lines(pdf.read_bytes()) and "ƯU TIÊN" in pdf_lines(pdf.read_bytes())
    code, _, err = _run(capsys, data_dir, "print", "ticket", "Z999", "--out", str(pdf))
    assert code == 2 and "Z999" in err


@pytest.mark.slow
def test_print_handover_lists_the_days_postal_dossiers(capsys, data_dir, office, tmp_path):
    out = tmp_path / "h.pdf"
    args = ("print", "handover", "--date", "2026-11-16", "--out", str(out), "--sender", "Bưu điện xã Mẫu Sơn")
    assert _run(capsys, data_dir, *args, "--seal", "NP 1")[0] == 0
    pdf = out.read_bytes()
    assert sorted(scan(*render_png(pdf, tmp_path))) == sorted(f"CODE-128:{office[k]}" for k in ("post1", "post2"))
    assert "Tổng cộng: 2 hồ sơ, 2 bộ." in pdf_lines(pdf)
    code, _, err = _run(capsys, data_dir, "print", "handover", "--date", "2026-11-17", "--out", str(out))
    assert code == 2 and "bưu điện" in err


def test_test_page_goes_to_the_pdf_folder_or_names_the_missing_printer(capsys, data_dir):
    code, stdout, _ = _run(capsys, data_dir, "print", "test-page", "--json")
    data = json.loads(stdout)
    assert code == 0 and data["backend"] == "pdf" and Path(data["file"]).read_bytes().startswith(b"%PDF")
    assert Path(data["file"]).parent == data_dir / "printouts"
    code, _, err = _run(capsys, data_dir, "print", "test-page", "--printer", "Máy in quầy 9")
    assert code == 3 and "Máy in «Máy in quầy 9»: chưa được cài đặt" in err


def test_processing_time_is_worded_as_on_the_form() -> None:
    from datetime import time

    from app.domain.deadlines import ProcessingRule
    from app.services.print_data import processing_text

    assert processing_text(ProcessingRule(working_days=3), "counter") == "03 ngày làm việc"
    same_day = ProcessingRule(same_day=True, cutoff=time(15, 0))
    assert processing_text(same_day, "counter") == "Trong ngày (nhận sau 15:00 thì trả ngày làm việc tiếp theo)"
    assert processing_text(ProcessingRule(), "post") == ""
