"""Reading an announced holiday calendar from a file (holidays.json format) before it replaces the calendar.

Why its own module: the window's calendar screen and ``motcua calendar import`` both read a file the user picked;
a file that is not JSON must be refused with one sentence naming the file, not a traceback, and a missing or
unreadable file likewise.
A file saved by Windows Notepad starts with a UTF-8 byte-order mark: it is read. The calendar itself is validated
by :func:`app.services.calendar_admin.import_years`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.domain.errors import ValidationError
from app.services.calendar_admin import import_years
from app.services.changes import Changes
from app.services.context import ServiceContext


def read_calendar_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text("utf-8-sig"))  # Notepad writes a byte-order mark
    except FileNotFoundError:
        raise ValidationError("file", f"không thấy tệp {path}", f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("file", f"không đọc được tệp {path} ({exc})", f"cannot read {path} ({exc})") from None
    except ValueError as exc:
        raise ValidationError("calendar", f"tệp không phải JSON hợp lệ ({exc})", f"not valid JSON ({exc})") from None
    except RecursionError:
        raise ValidationError("calendar", "tệp lồng nhau quá sâu", "the file is nested too deeply") from None
    if not isinstance(data, dict):
        raise ValidationError("calendar", "tệp không đúng định dạng holidays.json", "not in the holidays.json format")
    return data


def import_calendar_file(ctx: ServiceContext, path: Path) -> Changes:
    """Install the years the calendar in ``path`` carries; the other years stay as they are."""
    return import_years(ctx, read_calendar_file(path), source=str(path))
