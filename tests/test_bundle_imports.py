"""What a counter PC's bundle leaves out (installer/motcua.spec: psycopg, the province's PostgreSQL driver) must
not be imported by the desktop app or its command line: the Linux bundle's selftest died at `motcua --help` with
"No module named 'psycopg'" when the hub's restore pulled in the server's database module at parser build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = "import sys\nfor name in ('psycopg', 'psycopg_pool', 'psycopg_binary'):\n    sys.modules[name] = None\n"


def test_the_command_line_and_the_hub_run_without_psycopg() -> None:
    code = BLOCK + (
        "from app.cli import build_parser\nbuild_parser()\n"
        "import sync.hub.serve, sync.hub.restore, sync.hub.restore_queue, sync.hub.backup, sync.server.app\n"
        "from sync.server.db import Database\n"
        "import tempfile, pathlib\n"
        "db = Database('sqlite:///' + str(pathlib.Path(tempfile.mkdtemp()) / 'x.sqlite3'))\n"
        "from sync.server.schema import migrate\nmigrate(db)\ndb.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
