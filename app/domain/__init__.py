"""Pure domain rules of MotCua: the facts of a commune one-stop desk, written as functions over plain data.

Why a separate package: every rule here (dossier codes, the working-day calendar, citizen IDs, the status
machine, fees, on-time classes) must hold the same way at the counter, in the command line, in reports and
during sync, and must be testable in milliseconds without Qt, SQLite, files or a network. So this package
imports nothing of the project but itself, does no I/O, and raises ``ValidationError`` (field +
Vietnamese/English reason) for bad input before anything is written.
"""
