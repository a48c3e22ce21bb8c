"""``QT_TRANSLATE_NOOP`` with the type it really has (PySide6's stub says it returns ``object``).

Why: texts declared in tables (actions, filters, badges) are marked for ``pyside6-lupdate``, which looks for the
name ``QT_TRANSLATE_NOOP`` in the source, and translated where they are shown. This function keeps that name,
returns its text unchanged, and lets the type checker see a ``str``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; return it untranslated."""
    del context
    return source
