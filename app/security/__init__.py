"""Keys and encryption of citizens' personal data at rest: the store key, the recovery key, sealed files.

Imports only :mod:`app.domain` and :mod:`app.paths`; the store and the services use it, never the other way.
"""
