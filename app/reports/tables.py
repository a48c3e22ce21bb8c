"""Statistics as plain tables (title, header, rows), the shape both the XLSX and the CSV exporters write.

Why a neutral shape: the statistics have several parts (summary, groups, queue, overdue list); turning them
into tables once keeps the two exporters to a few lines each and guarantees they carry the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.ontime import OnTimeClass
from app.reports.logbook import CHANNEL_LABELS

Cell = int | float | str | date | datetime | None  # dates stay dates: each exporter writes its own form
GROUP_TITLES = {"procedure": "Theo thủ tục", "clerk": "Theo cán bộ", "channel": "Theo kênh", "service": "Theo dịch vụ"}
GROUP_HEAD = ["Mã", "Tên", "Tiếp nhận", "Đã giải quyết", "Đúng/trước hạn", "Trễ hạn", "Đang giải quyết",
              "Quá hạn", "Tỷ lệ đúng hạn (%)"]
QUEUE_HEAD = ["Nhóm", "Phát số", "Gọi", "Đã phục vụ", "Vắng mặt", "Chuyển", "Chuyển cho hub", "Chờ TB (giây)",
              "Chờ lâu nhất (giây)", "Phục vụ TB (giây)"]  # "Chuyển cho hub": handed to the office hub
LIST_HEAD = ["Mã hồ sơ", "Người nộp", "Điện thoại", "Thủ tục", "Cán bộ", "Hẹn trả", "Trạng thái", "Số giờ trễ"]
LEVEL_LABELS = {"very_satisfied": "Rất hài lòng", "satisfied": "Hài lòng", "not_satisfied": "Không hài lòng"}


@dataclass(frozen=True)
class Table:
    key: str  # short machine name (CSV "section")
    title: str  # sheet name
    header: list[str]
    rows: list[list[Cell]]


def summary(stats: dict[str, Any]) -> Table:
    sat = stats["satisfaction"]
    rows: list[list[Cell]] = [
        ["Từ ngày", date.fromisoformat(stats["from"])], ["Đến ngày", date.fromisoformat(stats["to"])],
        ["Số liệu tính đến", datetime.fromisoformat(stats["as_of"])],
        ["Hồ sơ tiếp nhận", stats["received"]],
        ["Hồ sơ giải quyết xong trong kỳ", stats["finished_in_range"]],
        ["Hồ sơ trả kết quả trong kỳ", stats["returned_in_range"]],
        *[[OnTimeClass(c).label(), n] for c, n in stats["classes"].items()],
        ["Không có hạn giải quyết", stats["without_due_date"]],
        ["Tỷ lệ giải quyết đúng hạn (%)", stats["on_time_rate"]],
        ["Số lượt đánh giá", sat["rated"]],
        *[[LEVEL_LABELS[k], sat[k]] for k in LEVEL_LABELS],
        ["Tỷ lệ trễ hạn (%)", sat["overdue_rate"]],
        ["Tỷ lệ không hài lòng (%)", sat["not_satisfied_rate"]],
        ["Chỉ số hài lòng (%)", sat["index"]],
        ["Số liệu hàng đợi", queue_source(stats["queue"])],
    ]
    return Table("summary", "Tổng hợp", ["Chỉ tiêu", "Giá trị"], rows)


def group_table(dim: str, groups: dict[str, dict[str, Any]]) -> Table:
    rows: list[list[Cell]] = []
    for key, g in groups.items():
        label = CHANNEL_LABELS.get(key, g["label"]) if dim == "channel" else g["label"]
        rows.append([key, label, g["received"], g["finished"], g["on_time"], g["finished_late"], g["running"],
                     g["overdue"], g["on_time_rate"]])
    return Table(dim, GROUP_TITLES[dim], GROUP_HEAD, rows)


def queue_source(queue: dict[str, Any]) -> str:
    """Whose queue the figures are, or why there are none (a hub office's hub that could not be reached)."""
    if not queue.get("available", True):
        return f"KHÔNG CÓ – {queue['reason']}"
    return "cả bộ phận, theo máy chủ hàng đợi" if queue.get("source") == "hub" else "máy này"


def queue_table(queue: dict[str, Any]) -> Table:
    rows: list[list[Cell]] = []
    if not queue.get("available", True):  # no zeros a reader could take for the office's day
        return Table("queue", "Hàng đợi", QUEUE_HEAD, [[queue_source(queue), *[None] * (len(QUEUE_HEAD) - 1)]])
    for dim, label in (("total", "Tổng"), ("service", "Dịch vụ"), ("counter", "Quầy"), ("clerk", "Cán bộ")):
        items = {"": queue["total"]} if dim == "total" else queue[dim]
        for key, f in items.items():
            counts = [f[k] for k in ("issued", "called", "served", "no_show", "transferred", "handed_over")]
            rows.append([f"{label} {key}".strip(), *counts, f["avg_wait_seconds"], f["wait_max"],
                         f["avg_service_seconds"]])
    return Table("queue", "Hàng đợi", QUEUE_HEAD, rows)


def list_table(key: str, title: str, items: list[dict[str, Any]]) -> Table:
    rows: list[list[Cell]] = [[i["code"], i["applicant"], i["phone"], i["procedure"], i["received_by"],
                               datetime.fromisoformat(i["due_at"]), i["status"], i["hours_late"]] for i in items]
    return Table(key, title, LIST_HEAD, rows)


def stats_tables(stats: dict[str, Any]) -> list[Table]:
    """Every part of the statistics, in the order a reader wants them."""
    return [
        summary(stats),
        *[group_table(dim, stats["groups"][dim]) for dim in GROUP_TITLES],
        queue_table(stats["queue"]),
        list_table("overdue", "Quá hạn", stats["overdue"]),
        list_table("due_soon", "Sắp đến hạn", stats["due_soon"]),
    ]
