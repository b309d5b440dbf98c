"""What an usager may do with their own RDV (product decisions, "Usager self-service")."""

from datetime import datetime, timedelta

from rdv_contracts.booking import CreatorType
from rdv_contracts.directory import BookableBy, Motif

from booking.domain.errors import RuleRefused
from booking.domain.rdv import Rdv

MIN_DELAY_FOR_CANCEL = timedelta(hours=4)
MIN_DELAY_FOR_MOVE = timedelta(days=2)
_MOVABLE_BOOKABLE_BY = frozenset({BookableBy.EVERYONE, BookableBy.AGENTS_AND_PRESCRIPTEURS_AND_INVITED_USERS})
CALL_THE_SERVICE = "Ce rendez-vous n'est pas annulable en ligne. Prenez contact avec le secrétariat."


def ensure_cancellable_by_user(rdv: Rdv, motif: Motif, now: datetime) -> None:
    """Strictly more than 4 hours before: exactly 4 hours before is refused (reference §4.1)."""
    if rdv.is_cancelled:
        raise RuleRefused("Ce rendez-vous est déjà annulé.")
    if not motif.rdvs_cancellable_by_user or rdv.starts_at <= now + MIN_DELAY_FOR_CANCEL:
        raise RuleRefused(CALL_THE_SERVICE)


def ensure_movable_by_user(rdv: Rdv, motif: Motif, now: datetime) -> None:
    """Strictly more than 2 days before, and only an RDV the usager booked themselves (reference §4.2)."""
    refused = (
        rdv.is_cancelled
        or rdv.collectif
        or not motif.rdvs_editable_by_user
        or motif.bookable_by not in _MOVABLE_BOOKABLE_BY
        or rdv.created_by is not CreatorType.USER
        or rdv.starts_at <= now + MIN_DELAY_FOR_MOVE
    )
    if refused:
        raise RuleRefused("Ce rendez-vous ne peut pas être déplacé en ligne. Prenez contact avec le service.")
