"""Getting page images from the counter's scanner: SANE on Linux, WIA on Windows, or a "scan to folder" hot folder.

Each source yields Pillow images (plus the name to show in an error); ``app.services.scanning`` turns them into
pages of a dossier document through the same path as attached files.
"""
