#!/usr/bin/env bash
# Build the Linux one-folder bundle dist/motcua with PyInstaller, then print its size.
# PyInstaller is a build tool, not a runtime dependency: it is installed into .venv here when missing.
# Usage: installer/build.sh            (uses .venv, created by installer/dev-setup.sh)
#        PYTHON=/path/to/python installer/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
if [ ! -x "$PY" ]; then
  echo "build.sh: $PY not found; run installer/dev-setup.sh first" >&2
  exit 2
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  "$PY" -m pip install -q "pyinstaller>=6.10,<7"
fi

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/motcua.spec
end=$(date +%s)

size_mb=$(du -sm dist/motcua | cut -f1)
echo "Built dist/motcua: ${size_mb} MB in $((end - start)) s"
# Budget: 150 MB until the store was encrypted and scans kept as PDFs; SQLCipher (8 MB), cryptography (12 MB),
# pikepdf with qpdf and lxml (16 MB) brought it to ~185 MB. The Windows installer stays ~46 MB compressed.
if [ "$size_mb" -gt "${MOTCUA_BUNDLE_MAX_MB:-200}" ]; then
  echo "build.sh: bundle is ${size_mb} MB, above the ${MOTCUA_BUNDLE_MAX_MB:-200} MB budget" >&2
  exit 1
fi
