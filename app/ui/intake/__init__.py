"""The intake form (F2): procedure picker, applicant with ID-card QR scanning, documents checklist, live due
date and fee, and the Receive command (Ctrl+Enter)."""
