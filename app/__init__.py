"""MotCua: the commune one-stop reception counter application.

The package is layered (see docs/DESIGN.md): domain -> store -> services -> printing/reports -> cli/ui.
Nothing here imports Qt so the command line stays fast and the core stays testable without a display.
"""

__version__ = "0.1.0"
