"""Turning any failure into one plain line for the user and an exit code; tracebacks go to a log file only."""

from __future__ import annotations

import errno
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.context import CliContext

EXIT_INVALID, EXIT_ENVIRONMENT, EXIT_NOT_FOUND, EXIT_BUG = 2, 3, 4, 70


def _say(ctx: CliContext, vi: str, en: str) -> None:
    prefix = "Lỗi" if ctx.lang == "vi" else "Error"
    sys.stderr.write(f"{prefix}: {ctx.t(vi, en)}\n")


def report_error(exc: BaseException, ctx: CliContext) -> int:
    from app.domain.errors import ValidationError
    from app.store.errors import EnvironmentStoreError, NotFoundError

    if isinstance(exc, ValidationError):
        _say(ctx, exc.message("vi"), exc.message("en"))
        return EXIT_INVALID
    if isinstance(exc, NotFoundError):
        _say(ctx, exc.message("vi"), exc.message("en"))
        return EXIT_NOT_FOUND
    if isinstance(exc, EnvironmentStoreError):
        _say(ctx, exc.reason_vi, exc.reason_en)
        return EXIT_ENVIRONMENT
    if isinstance(exc, KeyboardInterrupt):
        _say(ctx, "đã dừng theo yêu cầu", "interrupted")
        return 130
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            _say(ctx, "ổ đĩa đã đầy: hãy giải phóng dung lượng rồi thử lại", "the disk is full")
        else:
            where = f" ({exc.filename})" if exc.filename else ""
            _say(ctx, f"lỗi tệp{where}: {exc.strerror or exc}", f"file error{where}: {exc.strerror or exc}")
        return EXIT_ENVIRONMENT
    handled = getattr(exc, "user_message", None)
    if callable(handled):
        vi, en = handled("vi"), handled("en")
        _say(ctx, vi, en)
        return int(getattr(exc, "exit_code", EXIT_ENVIRONMENT))
    log = _log_bug(exc, ctx.data_dir)
    _say(ctx, f"lỗi nội bộ; chi tiết đã ghi vào {log}", f"internal error; details written to {log}")
    return EXIT_BUG


def _log_bug(exc: BaseException, data_dir: Path) -> Path:
    text = "".join(traceback.format_exception(exc))
    for folder in (data_dir / "logs", Path.home() / ".motcua-logs"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "errors.log"
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"--- {datetime.now().isoformat()}\n{text}\n")
            return path
        except OSError:
            continue
    return Path("(stderr)")
