#!/usr/bin/env bash
# Set up a Debian 12 / Ubuntu machine to run and test MotCua from this checkout:
# system libraries Qt needs (offscreen and X11), PDF/barcode tools used by tests, Xvfb, PostgreSQL (sync tests),
# then a virtual environment in .venv with MotCua installed in editable mode plus the test tools.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PKGS=(
  python3 python3-venv python3-pip
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1
  fonts-dejavu-core poppler-utils zbar-tools xvfb x11-apps imagemagick postgresql
  sane-utils libsane1 tesseract-ocr tesseract-ocr-vie ocrmypdf
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -c constraints.txt -e ".[test]"
# The project's own modules are installed editable, so pip compiles none of them, and an environment with
# PYTHONDONTWRITEBYTECODE never writes their .pyc: compile them once here (a start without them is ~20% slower).
.venv/bin/python -m compileall -q -j 0 app sync >/dev/null
echo "MotCua is set up in $(pwd)/.venv"
