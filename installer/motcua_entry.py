"""PyInstaller's entry script for the ``motcua`` executable.

Why a separate file: PyInstaller needs a script, not a console-script entry point, and ``app/main.py`` must stay
importable without side effects. Everything else (GUI or CLI) is decided by :func:`app.main.main`.
"""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
