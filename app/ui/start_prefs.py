"""The interface language and text size, copied beside the store so the window can appear before it is open.

Why a copy: both are office settings in the (encrypted) store, but the window is drawn before the store is open
(:mod:`app.ui.store_opener`), and it must be drawn in the right language and size the first time. The copy
(``ui-start.json`` in the data folder: two values, nothing personal) is written when the store is open and they
differ, and after each settings change. A missing or damaged copy reads as no language and normal size; a stale one
(a restore, an edit on another PC) is put right as soon as the store opens (the window is then built again in
the stored language, once).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

PREFS_FILE = "ui-start.json"


@dataclass(frozen=True)
class StartPrefs:
    language: str | None = None  # None: no copy yet (``--lang``, then ``MOTCUA_LANG``, then Vietnamese)
    font_scale: float = 1.0


def read_prefs(data_dir: Path) -> StartPrefs:
    """The copy in ``data_dir``; the defaults when there is none or it cannot be read."""
    try:
        raw = json.loads((Path(data_dir) / PREFS_FILE).read_text("utf-8"))
        language = raw["language"] if raw.get("language") in ("vi", "en") else None
        scale = float(raw["font_scale"])
        return StartPrefs(language, scale if 0.5 <= scale <= 3.0 else 1.0)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return StartPrefs()


def write_prefs(data_dir: Path, prefs: StartPrefs) -> None:
    """Replace the copy (a temp file renamed over it); a folder that cannot take it costs only the next start's
    second build, so a write error is ignored."""
    if read_prefs(data_dir) == prefs:
        return
    target = Path(data_dir) / PREFS_FILE
    temp = target.with_name(f".{PREFS_FILE}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        temp.write_text(json.dumps({"language": prefs.language, "font_scale": prefs.font_scale}), "utf-8")
        os.replace(temp, target)
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)
