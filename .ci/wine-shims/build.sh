#!/usr/bin/env bash
# Wine-only test shims (never shipped in the installer; see ../../installer/README.md and ../shared/WINDOWS.md):
#   icuuc.dll            PE export forwarders onto the versioned ICU 78 DLLs of the PyPI wheel icu4py: Qt6Core >= 6.10
#                        imports 20 ucnv_* symbols from the Windows system ICU, which Wine 8 lacks.
#   bcryptprimitives.dll ProcessPrng for Rust-built extensions (pydantic_core), missing in Wine 8.
# Usage: build.sh OUT_DIR CACHE_DIR     (needs gcc-mingw-w64-x86-64, binutils-mingw-w64-x86-64; pip for icu4py)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(realpath -m "$1"); CACHE=$(realpath -m "$2")
mkdir -p "$OUT/pyside" "$OUT/python" "$CACHE/icu"
PIP=${PIP:-pip}
if ! ls "$CACHE"/icu/icu4py-1.2.0-*.whl >/dev/null 2>&1; then
  $PIP download -q --disable-pip-version-check --only-binary=:all: --platform win_amd64 --python-version 3.13 \
    --implementation cp --no-deps -d "$CACHE/icu" icu4py==1.2.0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); [z.extract(n, sys.argv[2]) for n in z.namelist() if n.startswith('icu4py.libs/')]" \
  "$(ls "$CACHE"/icu/icu4py-1.2.0-*.whl | head -1)" "$tmp"
cp "$tmp"/icu4py.libs/icuuc78-*.dll "$OUT/pyside/icuuc78.dll"
cp "$tmp"/icu4py.libs/icudt78-*.dll "$tmp"/icu4py.libs/msvcp140-*.dll "$OUT/pyside/"
x86_64-w64-mingw32-objdump -p "$OUT/pyside/icuuc78.dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,$p' \
 | grep -oE '\] +[A-Za-z0-9_]+_78$' | sed -E 's/^\] +//' \
 | awk 'BEGIN{print "LIBRARY icuuc.dll\nEXPORTS"} {n=$0; sub(/_78$/,"",n); print "  " n " = icuuc78." $0}' > "$tmp/icuuc.def"
printf '#include <windows.h>\nBOOL WINAPI E(HINSTANCE h,DWORD r,LPVOID p){return TRUE;}\n' > "$tmp/e.c"
x86_64-w64-mingw32-gcc -O2 -shared -nostdlib -Wl,--entry=E -o "$OUT/pyside/icuuc.dll" "$tmp/e.c" "$tmp/icuuc.def"
x86_64-w64-mingw32-gcc -O2 -shared -nostdlib -Wl,--entry=DllMainStub -o "$OUT/python/bcryptprimitives.dll" \
  "$HERE/bcryptprimitives.c" -ladvapi32
