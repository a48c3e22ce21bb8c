"""``motcua ticket|service|counter …`` in-process: JSON keys, plain messages, exit codes, nothing written on
bad input."""

from __future__ import annotations

import json


def test_issue_json_has_the_agreed_keys(queue_cli):
    code, out, err = queue_cli("ticket", "issue", "--service", "a", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {"number": "A001", "service": "A", "ahead": 0}.items() <= data.items()
    assert data["issued_at"][:4].isdigit() and data["priority"] is False
    code, out, _ = queue_cli("ticket", "issue", "--service", "A", "--priority", "--json")
    assert json.loads(out)["priority_group"] == "other"
    code, out, _ = queue_cli("ticket", "issue", "--service", "B", "--priority", "elderly")
    assert out.startswith("Số B001 (ưu tiên) — Chứng thực")


def test_call_list_recall_no_show_transfer(queue_cli):
    for service in ("A", "A", "B"):
        queue_cli("ticket", "issue", "--service", service)
    code, out, _ = queue_cli("ticket", "list", "--json")
    assert [t["number"] for t in json.loads(out)] == ["A001", "A002", "B001"]
    code, out, _ = queue_cli("ticket", "call", "--counter", "1", "--json")
    assert code == 0 and json.loads(out)["number"] == "A001" and json.loads(out)["counter"] == 1
    code, out, _ = queue_cli("ticket", "call", "--counter", "1", "--number", "B001")
    assert out.strip() == "Mời số B001 đến quầy 1 (xong A001)"
    assert queue_cli("ticket", "recall", "--counter", "1")[1].startswith("Gọi lại lần 1")
    code, _, err = queue_cli("ticket", "no-show", "--counter", "1")
    assert code == 2 and "gọi lại thêm 1 lần" in err
    code, out, _ = queue_cli("ticket", "transfer", "--counter", "1", "--to", "C", "--json")
    assert code == 0 and json.loads(out)["letter"] == "C"
    code, out, _ = queue_cli("ticket", "list")
    assert [line.split()[1:3] for line in out.splitlines()] == [["A002", "A"], ["B001", "C"]]
    assert queue_cli("ticket", "finish", "--counter", "1")[0] == 2  # nobody at the counter now


def test_bad_input_is_one_line_and_writes_nothing(queue_cli, data_dir):
    from app.services.setup import open_store

    cases = [
        (("ticket", "issue", "--service", "Q"), "không có dịch vụ “Q”"),
        (("ticket", "call", "--counter", "5"), "quầy 5 chưa được giao dịch vụ nào"),
        (("ticket", "call", "--counter", "1"), "không còn ai chờ"),
        (("ticket", "recall", "--counter", "1"), "quầy 1 đang không phục vụ số nào"),
        (("counter", "set", "2", "--services", "A,Q"), "không có dịch vụ “Q”"),
        (("ticket", "stats", "--from", "16/11/2026"), "không phải ngày hợp lệ"),
    ]
    for args, message in cases:
        code, out, err = queue_cli(*args)
        assert code == 2 and out == "" and message in err, (args, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    store = open_store(data_dir)
    try:
        assert store.scalar("SELECT COUNT(*) FROM queue_events") == 0
        assert store.scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'queue.%'") == 0
    finally:
        store.close()


def test_services_and_counters(queue_cli):
    out = queue_cli("service", "list", "--json")[1]
    assert [s["letter"] for s in json.loads(out)][:3] == ["A", "B", "C"]
    assert queue_cli("service", "add", "g", "Tư pháp - hộ tịch")[1].strip() == "Đã lưu dịch vụ G — Tư pháp - hộ tịch"
    assert queue_cli("service", "edit", "G", "--inactive")[0] == 0
    assert "G  Tư pháp - hộ tịch (ngừng)" in queue_cli("service", "list", "--all")[1]
    assert "G " not in queue_cli("service", "list")[1]
    assert queue_cli("counter", "set", "2", "--services", "c, d", "--name", "Đất đai")[0] == 0
    out = queue_cli("counter", "list", "--json")[1]
    assert {"counter": 2, "name": "Đất đai", "letters": ["C", "D"]} in json.loads(out)
    queue_cli("ticket", "issue", "--service", "D")
    assert json.loads(queue_cli("ticket", "call", "--counter", "2", "--json")[1])["number"] == "D001"
    assert queue_cli("service", "edit", "Z")[0] == 2


def test_stats_after_a_morning(queue_cli):
    queue_cli("ticket", "issue", "--service", "A")
    queue_cli("ticket", "call", "--counter", "1")
    queue_cli("ticket", "finish", "--counter", "1")
    out = queue_cli("ticket", "stats", "--json")[1]
    data = json.loads(out)
    assert data["total"]["issued"] == 1 and data["total"]["served"] == 1
    assert data["service"]["A"]["served"] == 1 and data["counter"]["1"]["called"] == 1
    assert queue_cli("ticket", "stats")[1].splitlines()[1].startswith("Tổng")


def test_settings(queue_cli):
    data = json.loads(queue_cli("ticket", "settings", "--json")[1])
    assert data == {"recalls_before_no_show": 2, "voice": "clips", "chime": True}
    code, out, _ = queue_cli("ticket", "settings", "--recalls", "1", "--voice", "off", "--chime", "off")
    assert code == 0 and "voice: off" in out and "recalls_before_no_show: 1" in out
    code, _, err = queue_cli("ticket", "settings", "--recalls", "12")
    assert code == 2 and "từ 0 đến 10" in err
