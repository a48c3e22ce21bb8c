"""The dossier table: a model over row ids that fetches the rows on screen in blocks (Anki's browser model).

Why: a commune office collects hundreds of thousands of dossiers over the years; filling a widget with every
row would take seconds and hundreds of megabytes. The model holds only the matching row ids (a compact
``array``) and asks the store for the rows Qt paints, a block at a time, keeping a bounded cache. The ids
themselves come a page at a time (newest first): the view asks for more (``fetchMore``) only when the clerk
scrolls to the end, so "all dossiers" on a 1,000,000-dossier store opens as fast as "today".
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.domain.status import Status
from app.store import dossiers
from app.store.db import Store
from app.ui.dossiers.badges import badge_colours, badge_of, badge_text
from app.ui.format import short_dt
from app.ui.noop import QT_TRANSLATE_NOOP
from app.ui.table_base import FlatTableModel

BLOCK = 100
PAGE = 2000  # row ids fetched at first; each further fetch asks for four times as many
CACHE_LIMIT = 3000
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", QT_TRANSLATE_NOOP("DossierTable", "Mã hồ sơ")),
    ("applicant_name", QT_TRANSLATE_NOOP("DossierTable", "Người nộp")),
    ("procedure_name", QT_TRANSLATE_NOOP("DossierTable", "Thủ tục")),
    ("received_at", QT_TRANSLATE_NOOP("DossierTable", "Tiếp nhận")),
    ("due_at", QT_TRANSLATE_NOOP("DossierTable", "Hẹn trả")),
    ("status", QT_TRANSLATE_NOOP("DossierTable", "Trạng thái")),
    ("badge", QT_TRANSLATE_NOOP("DossierTable", "Tiến độ")),
)
_COL = {key: i for i, (key, _) in enumerate(COLUMNS)}

Index = QModelIndex | QPersistentModelIndex


class DossierTableModel(FlatTableModel):
    """Rows are dossiers (newest first); the store is read on the GUI thread, a block of rows at a time."""

    CONTEXT = "DossierTable"
    HEADERS = tuple(label for _key, label in COLUMNS)

    def __init__(self, store: Store, now: datetime, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._now = now
        self._lang = lang
        self._seqs: array[int] = array("q")
        self._cache: dict[int, dict[str, Any]] = {}
        self._fetch: Callable[[int], Sequence[int]] | None = None
        self._limit = 0
        self._more = False
        self._partial = False

    # -- what the model shows ---------------------------------------------------------------------------
    def set_seqs(self, seqs: Iterable[int], now: datetime | None = None) -> None:
        """Show exactly these row ids: the model's own reset, not a global one."""
        self._fetch, self._more, self._partial = None, False, False
        self._reset(seqs, now)

    def set_query(self, fetch: Callable[[int], Sequence[int]], now: datetime | None = None,
                  page: int = PAGE) -> None:
        """Show what ``fetch(limit)`` returns (newest first), ``page`` ids now and more on ``fetchMore``."""
        seqs = fetch(page)
        self._fetch, self._limit, self._more = fetch, page, len(seqs) >= page
        self._partial = bool(getattr(seqs, "partial", False))  # a search that looked at the newest dossiers only
        self._reset(seqs, now)

    @property
    def has_more(self) -> bool:
        return self._more

    @property
    def partial(self) -> bool:
        """The search stopped before looking at every dossier: older ones may match too."""
        return self._partial

    def _reset(self, seqs: Iterable[int], now: datetime | None) -> None:
        self.beginResetModel()
        self._seqs = seqs if isinstance(seqs, array) else array("q", seqs)
        self._cache.clear()
        if now is not None:
            self._now = now
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's default argument idiom
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The clerk scrolled to the end: ask for four times as many ids and append the new ones."""
        if parent.isValid() or not self._more or self._fetch is None:
            return
        self._limit *= 4
        seqs = self._fetch(self._limit)
        self._more = len(seqs) >= self._limit
        self._partial = bool(getattr(seqs, "partial", False))
        have = len(self._seqs)
        if len(seqs) <= have or list(seqs[:have]) != self._seqs.tolist():
            self._reset(seqs, None)  # new dossiers arrived meanwhile: start over from the top
            return
        self.beginInsertRows(QModelIndex(), have, len(seqs) - 1)
        self._seqs.extend(seqs[have:])
        self.endInsertRows()

    def refresh_dossiers(self, dossier_ids: Sequence[str], now: datetime | None = None) -> None:
        """Re-read the rows of these dossiers if they are on screen (after a status change)."""
        if now is not None:
            self._now = now
        wanted = set(dossier_ids)
        stale = [seq for seq, row in self._cache.items() if row["id"] in wanted]
        if not stale:
            return
        fresh = dossiers.by_seqs(self._store, stale)
        self._cache.update(fresh)
        positions = {seq: i for i, seq in enumerate(self._seqs) if seq in fresh}
        for row in positions.values():
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def seq_at(self, row: int) -> int:
        return self._seqs[row]

    def code_at(self, row: int) -> str:
        record = self._row(row)
        return str(record["code"]) if record else ""

    # -- Qt model interface ---------------------------------------------------------------------------------
    def _count(self) -> int:
        return len(self._seqs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._seqs):
            return None
        record = self._row(index.row())
        if record is None:
            return None
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(record, key)
        if role == CODE_ROLE:
            return record["code"]
        if key == "badge" and role in (BADGE_ROLE, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            state = badge_of(record, self._now)
            if role == BADGE_ROLE:
                return state
            background, foreground = badge_colours(state)
            return background if role == Qt.ItemDataRole.BackgroundRole else foreground
        return None

    # -- rows on demand -------------------------------------------------------------------------------------
    def _row(self, row: int) -> dict[str, Any] | None:
        seq = self._seqs[row]
        record = self._cache.get(seq)
        if record is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            start = row - row % BLOCK
            self._cache.update(dossiers.by_seqs(self._store, list(self._seqs[start:start + BLOCK])))
            record = self._cache.get(seq)
        return record

    def _text(self, record: dict[str, Any], key: str) -> str:
        if key == "badge":
            return badge_text(badge_of(record, self._now))
        if key == "status":
            return Status(record["status"]).label(self._lang)
        if key in ("received_at", "due_at"):
            return short_dt(record.get(key))
        return str(record.get(key) or "")
