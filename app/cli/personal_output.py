"""A command that writes a citizen's personal data to a file: warn if the file goes to a removable drive, then
write it, then record the access in the audit log (one call wraps the three, in every such command)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.cli.context import CliContext


def personal_output(
    ctx: CliContext,
    out: Path,
    write: Callable[[], int],
    *,
    document: str,
    code: str | None = None,
    days: tuple[str, str] | None = None,
    named: Sequence[str] = (),
) -> int:
    """Run ``write`` (which writes ``out``); audit it as a print of ``code`` or an export of the ``days`` range
    (and of the dossiers ``named`` from before it)."""
    from app.services.access_log import record_access, record_range_export
    from app.services.removable import removable_warning

    warning = removable_warning(out)
    if warning is not None:
        sys.stderr.write(ctx.t(f"Cảnh báo: {warning[0]}", f"Warning: {warning[1]}") + "\n")
    result = write()
    detail = {"document": document, "file": Path(out).name, "via": "cli", "removable": warning is not None}
    if code is not None:
        record_access(ctx.services(), code, "print" if document.startswith("form") else "export", detail)
    if days is not None:
        record_range_export(ctx.services(), days[0], days[1], detail, named)
    return result
