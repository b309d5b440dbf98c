"""Status cascades between an RDV and its participations (reference §1.10, product decisions)."""

from collections.abc import Sequence

from rdv_contracts.booking import RdvStatus

from booking.domain.participation import Participation
from booking.domain.statuses import CANCELLED

_OPEN = frozenset({RdvStatus.UNKNOWN, RdvStatus.WAITING})


def follow_rdv_status(participations: Sequence[Participation], status: RdvStatus) -> None:
    """Participations follow their RDV; those cancelled on their own stay cancelled, except on a reset."""
    for participation in participations:
        if status is RdvStatus.UNKNOWN:
            participation.status = RdvStatus.UNKNOWN
        elif status in CANCELLED:
            if not participation.is_cancelled:
                participation.status = status
        elif participation.status in _OPEN:
            participation.status = status


def rdv_status_from(
    participations: Sequence[Participation], current: RdvStatus, *, collectif: bool
) -> RdvStatus:
    """The RDV status implied by its participations after one of them changed."""
    statuses = [p.status for p in participations]
    if RdvStatus.SEEN in statuses:
        return RdvStatus.SEEN
    if collectif or not statuses:
        return current
    if len(set(statuses)) == 1:
        return statuses[0]
    if all(s in CANCELLED for s in statuses):
        return RdvStatus.EXCUSED
    if RdvStatus.WAITING in statuses:
        return RdvStatus.WAITING
    return RdvStatus.UNKNOWN
