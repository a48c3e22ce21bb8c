"""The device side of sync: no Qt, no import of ``app``.

:class:`~sync.client.engine.SyncEngine` does one round (push the outbox, pull the feed);
:class:`~sync.client.runner.SyncRunner` repeats rounds in a background thread. The app passes in its store
(:class:`~sync.client.store.SyncStore`) and a token store (:class:`~sync.client.credentials.TokenFile`).
"""
