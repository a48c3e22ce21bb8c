"""Daily log book (form 07) and statistics: assembling figures from :mod:`app.store.reports`, and exporters."""
