"""Where MotCua finds its shipped resources and its per-device data folder.

Resources live in the top-level ``resources/`` folder of a source checkout, in ``app/_resources`` inside an
installed wheel (see ``pyproject.toml``), and in ``<bundle>/resources`` inside a PyInstaller bundle. One lookup
serves all three so no caller has to know how the program was installed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "MotCua"
_MARKER = Path("data") / "procedures.json"


def _candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    found: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "resources")
    found.append(here / "_resources")
    found.append(here.parent / "resources")
    return found


def resources_dir() -> Path:
    """Return the folder holding fonts, the catalogue and the calendar, however MotCua was installed."""
    override = os.environ.get("MOTCUA_RESOURCES_DIR")
    if override:
        return Path(override)
    for candidate in _candidates():
        if (candidate / _MARKER).is_file():
            return candidate
    raise FileNotFoundError(
        "MotCua resources folder not found (looked in: " + ", ".join(str(c) for c in _candidates()) + ")"
    )


def resource(*parts: str) -> Path:
    """Path of one shipped resource file, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    """The OS user-data folder, unless ``MOTCUA_DATA_DIR`` says otherwise."""
    env = os.environ.get("MOTCUA_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
