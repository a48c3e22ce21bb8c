"""The statistics on a PC of an office with a hub: ``motcua report stats``, the XLSX/CSV export and the
end-of-day export carry the office's queue figures, from the hub (the PC's own store holds no ticket of the
day, and its empty figures were shown as the office's); with the hub switched off the files are still written,
their queue part marked missing with the reason. A real hub process, two real counter PCs, the real command
line."""

from __future__ import annotations

import csv
import io
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from app.services.end_of_day import SUBDIR, run_end_of_day
from app.store import settings
from sync.server.db import Database
from tests.office.conftest import motcua
from tests.office.helpers import office_day
from tests.sync.serverproc import CentralProcess


def csv_rows(path: Path, section: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [r for r in rows if r[0] == section]


def sheet(data: bytes, title: str) -> list[tuple[Any, ...]]:
    return list(load_workbook(BytesIO(data))[title].iter_rows(values_only=True))


def test_report_stats_and_exports_of_a_hub_office_carry_the_offices_queue(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    pcs = office_day(store_template, tmp_path, db, proc.url)
    one = pcs[1]
    day = one.clock.now().date().isoformat()
    span = ("--from", day, "--to", day)

    code, data, err = motcua(one.data_dir, "report", "stats", *span, "--json")
    assert code == 0, err
    queue = data["queue"]
    assert (queue["total"]["issued"], queue["total"]["called"], queue["total"]["served"]) == (3, 2, 2)
    assert queue["source"] == "hub" and queue["available"] is True
    assert queue["counter"]["1"]["served"] == 1 and set(queue["clerk"]) == {"lan", "hoa"}
    code, text, _ = motcua(one.data_dir, "report", "stats", *span)
    assert code == 0 and "Queue (the whole office, from the queue hub): issued 3 · called 2 · served 2" in text

    out = tmp_path / "stats.csv"
    code, _, err = motcua(one.data_dir, "export", "range", *span, "--what", "stats", "--format", "csv",
                          "--out", str(out))
    assert code == 0 and err == "", err
    issued = {r[1]: r[3] for r in csv_rows(out, "queue") if r[2] == "Phát số"}
    assert issued["Tổng"] == "3" and issued["Dịch vụ A"] == "2" and issued["Quầy 2"] == "0"
    assert ["summary", "Số liệu hàng đợi", "Giá trị", "cả bộ phận, theo máy chủ hàng đợi"] in csv_rows(out, "summary")
    xlsx = tmp_path / "stats.xlsx"
    code, _, err = motcua(one.data_dir, "export", "range", *span, "--what", "stats", "--format", "xlsx",
                          "--out", str(xlsx))
    assert code == 0, err
    total = next(r for r in sheet(xlsx.read_bytes(), "Hàng đợi") if r[0] == "Tổng")
    assert total[1:4] == (3, 2, 2)

    proc.stop()  # the hub PC is switched off: the files are still written, without the queue part
    out.unlink()
    code, _, err = motcua(one.data_dir, "export", "range", *span, "--what", "stats", "--format", "csv",
                          "--out", str(out))
    assert code == 0 and out.is_file()
    assert err.count("\n") == 1 and "Warning: cannot reach the queue hub" in err and "queue part" in err
    queue_rows = csv_rows(out, "queue")
    assert {r[1] for r in queue_rows} == {queue_rows[0][1]} and queue_rows[0][1].startswith("KHÔNG CÓ – ")
    assert all(r[3] == "" for r in queue_rows), "no zeros a supervisor could read as the office's day"
    assert csv_rows(out, "summary")[3][1] == "Hồ sơ tiếp nhận", "the dossiers' statistics are still there"
    code, data, err = motcua(one.data_dir, "report", "stats", *span, "--json")
    assert code == 0, err
    assert data["queue"]["available"] is False and "total" not in data["queue"]
    assert "cannot reach the queue hub" in data["queue"]["reason_en"] and "received" in data
    code, text, _ = motcua(one.data_dir, "report", "stats", *span)
    assert code == 0 and text.splitlines()[-1].startswith("Queue: no figures – cannot reach the queue hub")

    stick = tmp_path / "usb"
    stick.mkdir()
    with one.store.transaction():
        settings.set_many(one.store, {"export_folder": str(stick)})
    report = run_end_of_day(one, backup=False)
    names = sorted(p.name for p in (stick / SUBDIR).iterdir())
    assert names == [f"so-theo-doi-{day}.pdf", f"so-theo-doi-{day}.xlsx", f"thong-ke-{day}.xlsx"]
    assert [w.en for w in report.warnings] == [
        f"The end-of-day statistics of {day} were written without the queue part: " + data["queue"]["reason_en"]]
    first = sheet((stick / SUBDIR / f"thong-ke-{day}.xlsx").read_bytes(), "Hàng đợi")[1]
    assert str(first[0]).startswith("KHÔNG CÓ – ") and first[1:] == (None,) * 9
    for pc in pcs:
        pc.store.close()
