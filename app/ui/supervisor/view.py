"""The supervisor's "today at a glance": figures, charts, the overdue and due-soon lists, and the exports.

Why it loads through the worker: the figures read the day's dossiers and histories (and, on a big store, scan
once for the finished and returned counts), so they are computed by :func:`app.reports.service.report_stats`
on the worker connection and painted when they arrive; the window keeps answering meanwhile. The same
service refuses a clerk, and the view refuses one before it is even built (:func:`open_supervisor_view`).

On a PC of an office with a hub the queue section is the office's, from the hub: read on the session's
``network`` worker (a hub that hangs holds neither the window nor a dossier's receipt on the store worker),
painted when it arrives, and a hub that cannot be reached is a line in the queue section, not a pop-up.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.ontime import OnTimeClass
from app.reports.logbook import CHANNEL_LABELS
from app.reports.service import export_log, export_stats_named, make_scope, report_stats, require_supervisor
from app.reports.stats import rate_text as _pct
from app.services.access_log import record_access, record_range_export
from app.services.apology import apology_letter
from app.services.context import ServiceContext
from app.services.queue_part import missing, queue_part
from app.services.removable import removable_warning
from app.store import catalog, settings
from app.store import reports as report_sql
from app.ui.ops import StoreOp
from app.ui.session import AppSession
from app.ui.supervisor.charts import BarChart
from app.ui.supervisor.watch_model import DueSoonModel, WatchListModel
from app.ui.widgets import make

CLASS_COLOURS = {"finished_early": "#2e7d32", "finished_on_time": "#66bb6a", "finished_late": "#c62828",
                 "in_progress_within": "#1565c0", "in_progress_overdue": "#ef6c00", "paused_within": "#90a4ae",
                 "paused_overdue": "#8d6e63"}
# (key, Vietnamese, English): the view speaks the session's language (issue 17: it was Vietnamese only)
TILES = (("received", "Tiếp nhận", "Received"), ("finished", "Giải quyết xong", "Finished"),
         ("returned", "Đã trả kết quả", "Returned"), ("on_time", "Tỷ lệ đúng hạn", "On time"),
         ("overdue", "Quá hạn", "Overdue"), ("wait", "Chờ trung bình", "Average wait"),
         ("service", "Phục vụ trung bình", "Average service"), ("index", "Chỉ số hài lòng", "Satisfaction index"))
CHANNELS_EN = {"counter": "In person", "online": "Online", "post": "Post"}
EXPORTS = (("log:pdf", "Sổ theo dõi PDF", "Log book PDF"), ("log:xlsx", "Sổ theo dõi XLSX", "Log book XLSX"),
           ("log:csv", "Sổ theo dõi CSV", "Log book CSV"), ("stats:xlsx", "Thống kê XLSX", "Statistics XLSX"),
           ("stats:csv", "Thống kê CSV", "Statistics CSV"))
REFRESH_DELAY_MS = 400  # after the last change of a filter: typing a date does not start five computations


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _minutes(seconds: int | None, unit: str = "phút") -> str:
    return "–" if seconds is None else f"{seconds / 60:.1f} {unit}"


class SupervisorView(QWidget):
    """Filters (date range, clerk, procedure, service, channel), tiles, charts, lists and export buttons."""

    loaded = Signal(object)  # the statistics dict, after each refresh
    queue_loaded = Signal(object)  # the queue part painted (the hub's, or missing with its reason)
    exported = Signal(str)  # the path written

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        actor = session.actor
        if actor is None or not actor.can_supervise():
            require_supervisor(ServiceContext(session.store, session.data_dir, session.clock, actor or _nobody()))
        self.session = session
        self.stats: dict[str, Any] | None = None
        self._generation = 0
        self._shown = -1  # the generation of the figures on screen
        self._hub_queue: dict[str, Any] | None = None  # the hub's answer for the current generation
        self.last_export: Path | None = None
        self.setWindowTitle(session.t("Giám sát – tổng quan", "Supervisor – overview"))
        self._build()
        self.refresh()

    # -- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        today = self.session.clock.now().date()
        self.first, self.last = _date_edit(today), _date_edit(today)
        self.clerk, self.procedure = QComboBox(), QComboBox()
        self.service, self.channel = QComboBox(), QComboBox()
        self._fill_filters()
        self.refresh_button = _button(self.session.t("Xem", "Show"), self.refresh)
        # Two rows of filters (issue 17: in one row the window was 1455 px wide and "Xem" fell off a 1366 px
        # screen); any change recomputes by itself after a short pause, so old figures never stay on screen.
        filters = QGridLayout()
        t = self.session.t
        fields = ((t("Từ", "From"), self.first), (t("đến", "to"), self.last), (t("Cán bộ", "Clerk"), self.clerk),
                  (t("Thủ tục", "Procedure"), self.procedure), (t("Dịch vụ", "Service"), self.service),
                  (t("Kênh", "Channel"), self.channel))
        for i, (label, widget) in enumerate(fields):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption, i // 3, (i % 3) * 2)
            filters.addWidget(widget, i // 3, (i % 3) * 2 + 1)
        filters.addWidget(self.refresh_button, 1, 6)
        filters.setColumnStretch(5, 1)
        for combo in (self.clerk, self.procedure, self.service, self.channel):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16 if combo is not self.procedure else 22)  # 1366 px in English too
        self._pending = make(QTimer, self, singleShot=True, interval=REFRESH_DELAY_MS, timeout=self.refresh)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._filters_changed)
        for combo in (self.clerk, self.procedure, self.service, self.channel):
            combo.currentIndexChanged.connect(self._filters_changed)

        self.tiles: dict[str, QLabel] = {}
        grid = QGridLayout()
        for i, (key, title, title_en) in enumerate(TILES):
            box = QVBoxLayout()
            caption = QLabel(t(title, title_en))
            value = QLabel("…")
            value.setObjectName(f"tile_{key}")
            value.setStyleSheet("font-size: 20pt; font-weight: bold;")
            box.addWidget(caption)
            box.addWidget(value)
            grid.addLayout(box, i // 4, i % 4)
            self.tiles[key] = value

        self.class_chart = BarChart(t("Hồ sơ theo mức độ đúng hạn (QĐ 766)", "Dossiers by timeliness (QĐ 766)"))
        self.procedure_chart = BarChart(t("Tiếp nhận theo thủ tục", "Received by procedure"))
        self.wait_chart = BarChart(t("Thời gian chờ trung bình theo dịch vụ (phút)",
                                     "Average wait by service (minutes)"))
        charts = QHBoxLayout()
        for chart in (self.class_chart, self.procedure_chart, self.wait_chart):
            charts.addWidget(chart, 1)
        self.queue_note = QLabel("")  # whose queue figures these are, or why there are none
        self.queue_note.setObjectName("queue_note")
        self.queue_note.setWordWrap(True)
        self.queue_note.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.overdue_model, self.soon_model = WatchListModel(self.session.lang), DueSoonModel(self.session.lang)
        self.overdue_table, self.soon_table = QTableView(), QTableView()
        for table, model in ((self.overdue_table, self.overdue_model), (self.soon_table, self.soon_model)):
            table.setModel(model)
            table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            table.horizontalHeader().setStretchLastSection(True)
        self.apology_button = _button(t("Thư xin lỗi, gia hạn (mẫu 04)", "Apology, new date (form 04)"),
                                      self.write_apology)
        self.overdue_title = QLabel(t("Quá hạn", "Overdue"))
        self.soon_title = QLabel(t("Sắp đến hạn (24 giờ)", "Due within 24 hours"))
        left, right = QVBoxLayout(), QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(self.overdue_title, 1)
        head.addWidget(self.apology_button)
        left.addLayout(head)
        left.addWidget(self.overdue_table)
        right.addWidget(self.soon_title)
        right.addWidget(self.soon_table)
        lists = QHBoxLayout()
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)

        exports = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for key, text, text_en in EXPORTS:
            button = _button(t(text, text_en), partial(self.export, key))
            exports.addWidget(button)
            self.export_buttons[key] = button
        exports.addStretch(1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = _button(self.session.t("Mở thư mục", "Open folder"), self.show_folder)
        self.open_folder.hide()
        exports.addWidget(self.open_folder)

        layout = QVBoxLayout(self)
        for part in (filters, grid, charts):
            layout.addLayout(part)
        layout.addWidget(self.queue_note)
        layout.addLayout(lists, 1)
        layout.addLayout(exports)
        layout.addWidget(self.message)

    def _fill_filters(self) -> None:
        store, t = self.session.store, self.session.t
        everything = t("Tất cả", "All")
        self.clerk.addItem(everything, "")
        for username, name in sorted(report_sql.user_names(store).items()):
            self.clerk.addItem(name or username, username)
        self.procedure.addItem(everything, "")
        for row in catalog.list_rows(store):  # most used first
            self.procedure.addItem(f"{row['code']} {row['name_vi']}"[:60], row["code"])
        self.service.addItem(everything, "")
        for letter, name in sorted(report_sql.service_names(store).items()):
            self.service.addItem(f"{letter} – {name}", letter)
        self.channel.addItem(everything, "")
        for key, label in CHANNEL_LABELS.items():
            self.channel.addItem(t(label, CHANNELS_EN.get(key, label)), key)

    # -- data ---------------------------------------------------------------------------------------------
    def scope(self) -> report_sql.Scope:
        return make_scope(_pydate(self.first.date()), _pydate(self.last.date()),
                          clerk=self.clerk.currentData(), procedure_code=self.procedure.currentData(),
                          service=self.service.currentData(), channel=self.channel.currentData())

    def _filters_changed(self, *_args: object) -> None:
        """The figures on screen no longer answer the filters: blank them at once, recompute shortly."""
        self._generation += 1
        for tile in self.tiles.values():
            tile.setText("…")
        self.queue_note.setText("")
        self.message.setText(self.session.t("Đang tính…", "Computing…"))
        self._pending.start()

    def refresh(self) -> None:
        """Recompute the figures for the current filters in the worker, then paint them."""
        self._pending.stop()
        self._generation += 1
        generation, scope = self._generation, self.scope()
        self._hub_queue = None
        self.message.setText(self.session.t("Đang tính…", "Computing…"))
        asking = None
        if self._queue_on_hub():
            asking = {**missing(scope.first_day, scope.last_day, "Đang hỏi máy chủ hàng đợi…",
                                "Asking the queue hub…"), "pending": True}
            StoreOp(self, self.session, lambda ctx: queue_part(ctx, scope.first_day, scope.last_day)) \
                .success(lambda queue: self._queue_arrived(generation, queue)).run_on_network()
        StoreOp(self, self.session, lambda ctx: report_stats(ctx, scope, asking)) \
            .success(lambda stats: self._arrived(generation, stats)).run()

    def _queue_on_hub(self) -> bool:
        """Whether the queue figures are on the office hub (what this PC last learnt; one row, nothing asked)."""
        from app.services.queue_backend import on_hub

        return bool(on_hub(self.session.store))

    def _arrived(self, generation: int, stats: dict[str, Any]) -> None:
        if generation == self._generation:  # an answer to filters changed since is dropped
            if self._hub_queue is not None:  # the hub answered first
                stats["queue"] = self._hub_queue
            self._shown = generation
            self.show_stats(stats)

    def _queue_arrived(self, generation: int, queue: dict[str, Any]) -> None:
        """The hub's queue part: painted now if the rest is on screen, else with it."""
        if generation != self._generation:
            return
        self._hub_queue = queue
        if self.stats is not None and self._shown == generation:
            self.stats["queue"] = queue
            self.show_queue(queue)

    def show_stats(self, stats: dict[str, Any]) -> None:
        self.stats = stats
        t, lang = self.session.t, self.session.lang
        values = {
            "received": str(stats["received"]), "finished": str(stats["finished_in_range"]),
            "returned": str(stats["returned_in_range"]), "on_time": _pct(stats["on_time_rate"]),
            "overdue": str(stats["overdue_count"]), "index": _pct(stats["satisfaction"]["index"]),
        }
        for key, text in values.items():
            self.tiles[key].setText(text)
        self.class_chart.set_bars([(OnTimeClass(c).label(lang), n, CLASS_COLOURS[c])
                                   for c, n in stats["classes"].items()])
        top = sorted(stats["groups"]["procedure"].values(), key=lambda g: -g["received"])[:6]
        # "Thủ tục đăng ký …" on every bar said nothing: the distinctive part of the name is what follows
        self.procedure_chart.set_bars([(str(g["label"]).removeprefix("Thủ tục "), g["received"], "#5c6bc0")
                                       for g in top])
        self.show_queue(stats["queue"])
        self.overdue_model.set_items(stats["overdue"])
        self.soon_model.set_items(stats["due_soon"])
        for table in (self.overdue_table, self.soon_table):
            for column in (0, 4):
                table.resizeColumnToContents(column)
        self.overdue_title.setText(t("Quá hạn ({n})", "Overdue ({n})").format(n=stats["overdue_count"]))
        self.soon_title.setText(t("Sắp đến hạn trong 24 giờ ({n})", "Due within 24 hours ({n})")
                                .format(n=len(stats["due_soon"])))
        self.message.setText("")
        self.loaded.emit(stats)

    def show_queue(self, queue: dict[str, Any]) -> None:
        """The queue section: its tiles, the wait chart and the line saying whose figures they are (the whole
        office's from the hub) or why there are none (the hub cannot be reached; never zeros as the day)."""
        t = self.session.t
        if not queue.get("available", True):
            for key in ("wait", "service"):
                self.tiles[key].setText("–")
            self.wait_chart.set_bars([])
            pending = bool(queue.get("pending"))
            self.queue_note.setStyleSheet("" if pending else "color: #a4161a; font-weight: bold;")
            self.queue_note.setText(t(queue["reason"], queue["reason_en"]) if pending else
                                    "⚠ " + t(f"Hàng đợi: không có số liệu – {queue['reason']}",
                                             f"Queue: no figures – {queue['reason_en']}"))
            if not pending:
                self.queue_loaded.emit(queue)
            return
        unit = t("phút", "min")
        self.tiles["wait"].setText(_minutes(queue["total"]["avg_wait_seconds"], unit))
        self.tiles["service"].setText(_minutes(queue["total"]["avg_service_seconds"], unit))
        services = report_sql.service_names(self.session.store)
        self.wait_chart.set_bars([(f"{k} – {services.get(k, k)}", round((f["avg_wait_seconds"] or 0) / 60, 1),
                                   "#00897b") for k, f in queue["service"].items()])
        self.queue_note.setStyleSheet("")
        self.queue_note.setText(t("Hàng đợi: cả bộ phận, theo máy chủ hàng đợi",
                                  "Queue: the whole office, from the queue hub")
                                if queue.get("source") == "hub" else "")
        self.queue_loaded.emit(queue)

    # -- exports ------------------------------------------------------------------------------------------
    def output_folder(self) -> Path:
        """The configured export folder when it is there, else ``<data dir>/exports``."""
        configured = self._configured_folder()
        return Path(configured) if configured and Path(configured).is_dir() else self.session.data_dir / "exports"

    def _configured_folder(self) -> str:
        return str(settings.get(self.session.store, "export_folder") or "").strip()

    def export(self, key: str) -> None:
        what, fmt = key.split(":")
        scope = self.scope()
        stem = "so-theo-doi" if what == "log" else "thong-ke"
        span = scope.first_day if scope.first_day == scope.last_day else f"{scope.first_day}_{scope.last_day}"
        path = self.output_folder() / f"{stem}-{span}.{fmt}"

        def run(ctx: ServiceContext, queue: dict[str, Any] | None = None) -> tuple[str, str]:
            named: list[str] = []
            missing_queue = ""
            if what == "log":
                data = export_log(ctx, scope, fmt)
            else:  # the overdue and due-soon lists name citizens, some received before the range
                data, named, missing_queue = export_stats_named(ctx, scope, fmt, queue, self.session.lang)
            written = _write(path, data)
            document = f"form07.{fmt}" if what == "log" else f"stats.{fmt}"
            # who exported which citizens' data (app/services/access_log.py)
            record_range_export(ctx, scope.first_day, scope.last_day, {"document": document, "via": "app"}, named)
            return written, missing_queue

        def write(queue: dict[str, Any] | None = None) -> None:
            StoreOp(self, self.session, partial(run, queue=queue)).success(lambda r: self._written(*r)).run()

        if what == "stats" and self._queue_on_hub():
            # the office's queue part is read from the hub on the network worker, then written with the rest
            StoreOp(self, self.session, lambda ctx: queue_part(ctx, scope.first_day, scope.last_day)) \
                .success(write).run_on_network()
        else:
            write()

    def write_apology(self) -> QDialog | None:
        """Form 04 for the selected overdue dossier (the first one when nothing is selected), after the
        supervisor has seen and may have changed its new date, cause and unit."""
        from app.ui.supervisor.apology_dialog import ApologyDialog

        rows = self.overdue_table.selectionModel().selectedRows()
        code = self.overdue_model.code_at(rows[0].row() if rows else 0)
        if code is None:
            self.message.setText(self.session.t("Không có hồ sơ quá hạn", "No overdue dossier"))
            return None
        path = self.output_folder() / f"xin-loi-{code}.pdf"

        def produce(ctx: ServiceContext, new_due: datetime, reason: str, unit: str) -> str:
            written = _write(path, apology_letter(ctx, code, new_due=new_due, reason=reason, unit=unit))
            record_access(ctx, code, "print", {"document": "form04", "via": "app"})
            return written

        dialog = ApologyDialog(self.session, code, produce, self)
        dialog.written.connect(self._written)
        dialog.open()
        self.apology = dialog
        return dialog

    def _written(self, path: str, missing_queue: str = "") -> None:
        """Say where the file went, and offer its folder (issue 17: exports were saved silently); a file of
        citizens' personal data on a USB stick or memory card gets the removable-drive warning too, and a
        statistics file without its queue part (the hub could not be reached) says so."""
        self.last_export = Path(path)
        text = self.session.t(f"✓ Đã lưu tệp: {path}", f"✓ Saved: {path}")
        warnings = [removable_warning(Path(path)), self._fallback_warning()]  # every export names citizens
        if missing_queue:  # already in the session's language
            warnings.append((f"Tệp thiếu phần hàng đợi: {missing_queue}",
                             f"The file has no queue part: {missing_queue}"))
        if any(warnings):
            text = html.escape(text) + "".join("<br><b style='color:#a4161a'>⚠ " + html.escape(self.session.t(*w))
                                               + "</b>" for w in warnings if w is not None)
        self.message.setText(text)
        self.open_folder.show()
        self.exported.emit(path)

    def _fallback_warning(self) -> tuple[str, str] | None:
        """The chosen export folder (a USB stick) was not there, so the file went to the data folder's
        ``exports``: said, or the supervisor carried an empty stick to the province (it was silent)."""
        configured = self._configured_folder()
        if not configured or Path(configured).is_dir():
            return None
        return (f"Không thấy thư mục xuất {configured} (USB đã rút ra?): tệp được lưu ở trên, trong máy này",
                f"The export folder {configured} is not there (USB stick removed?): the file was saved above, "
                "on this PC")

    def show_folder(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _button(text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda *_: slot())
    return button


def _write(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return str(path)


def _nobody() -> Any:
    from app.services.context import Actor

    return Actor("", "", "")
