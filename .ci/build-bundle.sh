#!/usr/bin/env bash
# CI: build the Linux one-folder bundle and run it the way a user would: --version, then the offscreen selftest.
# Runs from / with a scrubbed environment so the bundle cannot lean on this checkout or its virtualenv.
# Exits non-zero when the build, the size budget, --version or any selftest check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/build.sh
BIN="$(pwd)/dist/motcua/motcua"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

run_bundle() {
  (cd / && env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    MOTCUA_DATA_DIR="$tmp/data" "$BIN" "$@")
}

version="$(run_bundle --version)"
echo "$version"
case "$version" in
  "motcua "[0-9]*) ;;
  *) echo "build-bundle: unexpected --version output: $version" >&2; exit 1 ;;
esac
run_bundle --lang en selftest
if [ -e "$tmp/data" ]; then
  echo "build-bundle: selftest wrote into the user's data folder" >&2
  exit 1
fi
