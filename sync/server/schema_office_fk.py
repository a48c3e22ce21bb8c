"""Schema step: on PostgreSQL, a dossier row no longer checks its office through a foreign key.

Why: the check ran a lookup per stored dossier, taking a share lock on the office's row, and the ten counters of
an office push at the same moment, all locking that one row (PostgreSQL then records the lockers as a
multixact). Measured with ``bench/profile_sync_push.py``-style runs (issue 18 item 13): the tuples PostgreSQL
fetched per push of ten dossiers went from 17 to 8, and its user CPU per push down by about a seventh in
sequential pushes. The office is never a device's word: every path that stores a dossier takes it from the
authenticated device's row (``devices.office_code`` keeps its own foreign key) or from the hub's own office, and
offices are never deleted. SQLite keeps the key (dropping it means rebuilding the table; the check is cheap there).
"""

from __future__ import annotations

OFFICE_FK = {"sqlite": "", "postgresql": "ALTER TABLE dossiers DROP CONSTRAINT IF EXISTS dossiers_office_code_fkey"}
