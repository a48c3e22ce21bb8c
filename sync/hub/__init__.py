"""The office hub (issue 13): the reference server run on one PC of an office, between its devices and the
province. Its data folder, certificate, lock, and upstream link live here; the HTTP API is ``sync/server``."""
