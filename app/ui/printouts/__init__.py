"""Producing the official forms from stored dossiers: data records (no Qt) and delivery to printer or PDF."""
