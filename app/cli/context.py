"""The command line's composition root: data folder, language, and the store opened on first use."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.paths import default_data_dir


@dataclass
class CliContext:
    data_dir: Path
    lang: str = "vi"
    json: bool = False
    _services: Any = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()
        lang = getattr(args, "lang", None) or os.environ.get("MOTCUA_LANG") or "vi"
        return cls(
            data_dir=data_dir,
            lang="en" if lang.startswith("en") else "vi",
            json=bool(getattr(args, "json", False)),
        )

    def services(self) -> Any:
        """The :class:`~app.services.context.ServiceContext`, opening (and migrating) the store once."""
        if self._services is None:
            from app.services.context import ServiceContext
            from app.services.logs import setup_logging
            from app.services.setup import open_store

            # Logs go to <data dir>/logs only for commands that use the store (no folder for --help, selftest).
            setup_logging(self.data_dir)
            self._services = ServiceContext(store=open_store(self.data_dir), data_dir=self.data_dir)
        return self._services

    def t(self, vi: str, en: str) -> str:
        return vi if self.lang == "vi" else en

    def emit(self, data: Any, text: str | list[str]) -> None:
        """Print ``data`` as JSON with ``--json``, else the human-readable text."""
        if self.json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        else:
            lines = [text] if isinstance(text, str) else text
            sys.stdout.write("".join(line + "\n" for line in lines))

    def close(self) -> None:
        if self._services is not None:
            self._services.store.close()
            self._services = None
