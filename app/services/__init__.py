"""Use cases. Each write is one transaction that changes the rows, appends the audit entry and the outbox event
together, and returns what changed so views can refresh just that."""
