"""Receiving a dossier for the citizen whose queue ticket is being served, and linking the two.

Why two steps and not one transaction: the dossier (and the code about to be printed) must be kept even if the
link cannot be written; a missing link only costs a statistic, a lost dossier costs the citizen a trip.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.services.context import ServiceContext
from app.services.queue import link_ticket
from app.services.receive import ReceiveInput, ReceiveResult, receive_dossier
from app.ui.errors import is_expected, log_exception


@dataclass(frozen=True)
class TicketReceiveResult(ReceiveResult):
    ticket_linked: bool = False


def receive_for_ticket(ctx: ServiceContext, inp: ReceiveInput, ticket_id: str | None) -> ReceiveResult:
    """Receive ``inp``; then, when a ticket is being served, link it (a failed link keeps the dossier)."""
    result = receive_dossier(ctx, inp)
    if ticket_id is None:
        return result
    try:
        link_ticket(ctx, ticket_id, str(result.dossier["id"]))
    except Exception as exc:
        if not is_expected(exc):
            log_exception(ctx.data_dir, exc)  # said on the banner; the dossier is stored either way
        return TicketReceiveResult(result.dossier, result.documents, result.changes, ticket_linked=False)
    return TicketReceiveResult(result.dossier, result.documents, replace(result.changes, queue=True),
                               ticket_linked=True)
