#!/usr/bin/env bash
# Refresh the translation sources from app/ui and compile them: run after changing any tr() string.
# Then translate the new entries in motcua_en.ts (Qt Linguist: .venv/bin/pyside6-linguist) and run this again.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/pyside6-lupdate $(find app/ui -name "*.py" | sort) -ts resources/i18n/motcua_en.ts -no-obsolete
.venv/bin/pyside6-lrelease resources/i18n/motcua_en.ts resources/i18n/motcua_vi.ts
