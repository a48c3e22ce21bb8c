"""The scanned pages of a dossier in the desktop app: thumbnails per document, add/scan/reorder/rotate/delete."""
