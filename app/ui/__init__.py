"""The clerk's desktop app (PySide6): the only package of MotCua that imports Qt.

Everything here is a thin view over ``app.services`` (writes, through one worker helper) and read-only store
queries; :mod:`app.ui.launch` is the one composition root that builds the objects and passes them in.
"""
