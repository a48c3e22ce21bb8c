"""Key sequences parsed in Qt's portable (English) spelling, whatever the interface language.

Why: ``QKeySequence("Ctrl+Return")`` parses in the *native* format, which reads modifier and key names through
the installed translation (context ``QShortcut``). ``motcua_vi.qm`` shows "Return" as "Enter", so under the
Vietnamese translation "Ctrl+Return" parsed to nothing and Ctrl+Enter did nothing (issue 17). Every shortcut
the app declares goes through :func:`key_sequence`; only displayed text uses the native (translated) format.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def key_sequence(text: str) -> QKeySequence:
    """``text`` in Qt's portable spelling ("Ctrl+Return", "F2"), independent of any installed translation."""
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)


def shown(text: str) -> str:
    """The shortcut as the clerk reads it, in the interface language."""
    return key_sequence(text).toString(QKeySequence.SequenceFormat.NativeText)
