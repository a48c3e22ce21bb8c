#!/usr/bin/env bash
# CI: prove the Windows installer under Wine (issue 14). Needs dist/MotCua-Setup-<version>.exe from
# installer/build-windows.sh. Builds a "next version" installer from the same staging (version +post1, zlib: fast)
# for the upgrade step, the Wine-only test shims, then runs .ci/windows_smoke.py. No display, no stdin needed.
# Installs what it needs with apt-get (64-bit Wine only: no wine32/i386).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
need=()
for p in wine64 wine gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 xvfb openbox xdotool imagemagick poppler-utils \
  zbar-tools nsis; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
CACHE=$(realpath -m "${MOTCUA_WIN_CACHE:-build/win-cache}")
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
SETUP=dist/MotCua-Setup-$VERSION.exe
test -s "$SETUP" || { echo "windows-smoke: $SETUP missing; run installer/build-windows.sh first" >&2; exit 2; }

NEXT_VERSION=$VERSION.post1
NEXT=build/win-next
rm -rf "$NEXT"; mkdir -p "$NEXT"
cp -r build/win-stage/build/nsis "$NEXT/stage"
"$CACHE/tools/bin/python" installer/winstage.py prune "$NEXT/stage" "$NEXT_VERSION"
makensis -V2 "-XTarget amd64-unicode" -DCOMPRESSOR=zlib "-DVERSION=$NEXT_VERSION" "-DSTAGE=$(pwd)/$NEXT/stage" \
  "-DOUTFILE=$(pwd)/$NEXT/MotCua-Setup-$NEXT_VERSION.exe" installer/motcua.nsi
PIP="$CACHE/tools/bin/pip" bash .ci/wine-shims/build.sh build/win-shims "$CACHE"

.venv/bin/python .ci/windows_smoke.py "$SETUP" --next "$NEXT/MotCua-Setup-$NEXT_VERSION.exe" --shims build/win-shims
echo "windows-smoke: passed in $(( $(date +%s) - start )) s (installer $(( $(stat -c %s "$SETUP") / 1048576 )) MB)"
