"""Page images and PDFs of a dossier's documents: reading inputs, compressing pages, one PDF per document.

Why a package of its own: this is pure file work (Pillow, img2pdf, pikepdf) with no SQL and no Qt, so the CLI,
the intake screen and the scanner/hot-folder paths all turn "some files or scanned images" into the same small,
legible PDF the same way. The store keeps the result content-addressed (``app.store.blobs``).
"""
