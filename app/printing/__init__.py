"""Printed documents: the official forms 01–06, queue tickets, the post-office hand-over list and test
pages.

Layouts are drawn once with reportlab and returned as PDF bytes; thermal printers get the same layout
rasterised to ESC/POS. This package takes plain frozen dataclasses (:mod:`app.printing.model`), knows
nothing of SQL or Qt, and raises only :class:`~app.printing.errors.PrintInputError` and
:class:`~app.printing.errors.PrinterError` on purpose. Import the module you need
(``app.printing.form01``...); this file stays empty so that importing the package costs nothing.
"""
