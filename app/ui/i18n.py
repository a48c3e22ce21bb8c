"""Interface language: Vietnamese source strings, English through a Qt translation file.

Why Qt translations (``.ts`` → ``.qm``) rather than a home-made table: ``pyside6-lupdate`` finds every
``self.tr(...)``/``QCoreApplication.translate(...)`` in ``app/ui`` and keeps existing translations when strings
change, and translators can use Qt Linguist. The source language is Vietnamese because that is what the
counter reads by default. Qt itself ships no Vietnamese translation of its own buttons ("OK", "Cancel"),
so ``motcua_vi.qm`` carries the few we show. Messages from the domain and the store come in both languages
already; views pick with :meth:`AppSession.t`.

Rebuild after changing strings: ``.venv/bin/pyside6-lupdate app/ui -ts resources/i18n/motcua_en.ts``, translate,
then ``.venv/bin/pyside6-lrelease resources/i18n/motcua_en.ts resources/i18n/motcua_vi.ts``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.paths import resource

LANGUAGES = ("vi", "en")


def choose_language(requested: str | None, stored: str | None) -> str:
    """``--lang`` wins, then the office setting, then ``MOTCUA_LANG``; Vietnamese otherwise."""
    for candidate in (requested, stored, os.environ.get("MOTCUA_LANG")):
        if candidate:
            return "en" if candidate.lower().startswith("en") else "vi"
    return "vi"


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load the translation for ``lang``; returns the translators (keep them alive as long as the app)."""
    installed: list[QTranslator] = []
    path = resource("i18n", f"motcua_{lang}.qm")
    translator = QTranslator(app)
    if path.is_file() and translator.load(str(path)):
        app.installTranslator(translator)
        installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Vietnamese,
                               QLocale.Country.UnitedKingdom if lang == "en" else QLocale.Country.Vietnam))
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
