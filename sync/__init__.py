"""Sync between a counter device and the provincial central system.

Three parts that share one wire contract: :mod:`sync.protocol` (what travels), :mod:`sync.client` (the
device's engine, which reaches the local store only through :class:`sync.client.store.SyncStore`) and
:mod:`sync.server` (the reference central server ``motcua-central``). Nothing here imports ``app``: the app
plugs its store in.
"""
