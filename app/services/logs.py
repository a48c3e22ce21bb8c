"""Log files in ``<data dir>/logs`` and the "send diagnostics" zip that support asks for.

Why rotating files: the counter PC runs for months and nobody empties folders, so the log is capped (5 x 1 MB).
Why a zip with no personal data: a clerk will e-mail it to the province's IT desk; under Decree 13/2023 it must
not carry citizens' names, ID numbers, phones or addresses. The zip holds versions, the schema version, row
counts and the logs; every log line is scrubbed of the values this store holds in those fields and of anything
shaped like an ID number, phone or e-mail, so a careless ``log.info(applicant)`` elsewhere cannot leak one.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import platform
import re
import sys
import zipfile
from datetime import datetime
from importlib import metadata
from pathlib import Path

from app import __version__
from app.domain.text import fold, nfc
from app.services.output_files import output_file
from app.store import driver
from app.store.diagnostics import store_facts
from app.store.private import private_dir, private_file

LOG_FILE = "motcua.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"
_HANDLER_NAME = "motcua-file"
REDACTED = "[…]"
_PATTERNS = (
    re.compile(r"(?<![\w.])\+?\d{9,12}(?![\w.])"),  # ID numbers (9/12 digits), phones (10/11 digits)
    re.compile(r"(?<![\w.])(?:\+84|0)\d{2,3}[ .]\d{3}[ .]\d{3,4}(?![\w.])"),  # phones written in groups
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),  # e-mail
)
_PACKAGES = ("PySide6-Essentials", "reportlab", "pypdfium2", "sqlite-utils", "pillow", "python-escpos", "requests")


def setup_logging(data_dir: Path, level: int = logging.INFO, max_bytes: int = MAX_BYTES) -> Path | None:
    """Send the root logger to ``<data dir>/logs/motcua.log`` (rotating); returns the file, None if unwritable.

    Safe to call more than once (a second call replaces the handler). A folder that cannot be written must not
    stop the counter, so that case logs to stderr only.
    """
    close_logging()
    root = logging.getLogger()
    path = Path(data_dir) / "logs" / LOG_FILE
    try:
        private_dir(Path(data_dir))
        private_dir(path.parent)
        private_file(path)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        sys.stderr.write(f"motcua: cannot write logs in {path.parent}: {exc}\n")
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(ScrubbingFormatter(_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger(__name__).info("motcua %s started: %s", __version__, " ".join(sys.argv[1:2]))
    return path


class ScrubbingFormatter(logging.Formatter):
    """Writes no ID number, phone or e-mail shape to the file: a message that echoes a value (a pulled dossier
    held with its validation error, a bug's exception text) would put it in clear beside the encrypted store."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record), set())


def close_logging() -> None:
    """Detach and close the file handler (at exit, and before tests delete the folder)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()


def versions() -> dict[str, str]:
    found = {
        "motcua": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "sqlite": driver.sqlite_version,
        "frozen": str(bool(getattr(sys, "frozen", False))),
    }
    for name in _PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return found


def scrub(text: str, personal: set[str]) -> str:
    """``text`` without the given personal values (longest first) and without number/e-mail shapes.

    Values are matched in any case, in NFC or NFD (the text is NFC-normalised first) and folded without tone marks
    as the search index stores them ("nguyen thi huong").
    """
    text = nfc(text)
    variants = {v for value in personal for v in (nfc(value), fold(value)) if len(v) >= 3}
    lowered = text.lower()
    for value in sorted(variants, key=len, reverse=True):
        if value.lower() in lowered:
            text = re.sub(re.escape(value), REDACTED, text, flags=re.IGNORECASE)
            lowered = text.lower()
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


def key_storage_kind() -> str:
    """Where this PC keeps the store key, for support (no path, no key): the OS key store or a key file."""
    from app.security.keyfile import KeyFileBackend
    from app.security.keys import DeviceKeys

    return "key-file" if isinstance(DeviceKeys().backend, KeyFileBackend) else "os-keystore"


def export_diagnostics(data_dir: Path, out: Path, force: bool = False) -> Path:
    """Write the diagnostics zip to ``out``: versions.json, store.json and the scrubbed logs."""
    data_dir, out = Path(data_dir), Path(out)
    try:
        facts, personal = store_facts(data_dir)
    except Exception as exc:  # a broken store is exactly when diagnostics are needed
        facts, personal = {"error": f"{type(exc).__name__}: {exc}"}, set()
    backups = sorted(p.name for p in (data_dir / "backups").rglob("*.sqlite3"))
    facts["backups"] = backups[-30:]
    facts["key_storage"] = key_storage_kind()
    with output_file(out, data_dir, force) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("versions.json", json.dumps(versions(), indent=2))
        zf.writestr("store.json", json.dumps(facts, indent=2, ensure_ascii=False, default=str))
        zf.writestr("created.txt", datetime.now().isoformat(timespec="seconds") + "\n")
        logs = data_dir / "logs"
        for path in sorted(logs.glob("*.log*")) if logs.is_dir() else []:
            text = path.read_text("utf-8", errors="replace")
            zf.writestr(f"logs/{path.name}", scrub(text, personal))
    return out.parent.resolve() / out.name
