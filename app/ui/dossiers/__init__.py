"""The dossier list (a table model over row ids), its filters, and the dossier detail with its actions."""
