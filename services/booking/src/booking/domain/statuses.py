"""RDV statuses and their French labels (product decisions, "RDV statuses")."""

from datetime import date

from rdv_contracts.booking import RdvStatus

CANCELLED = frozenset({RdvStatus.EXCUSED, RdvStatus.REVOKED})
COLLECTIVE_STATUSES = frozenset({RdvStatus.UNKNOWN, RdvStatus.SEEN, RdvStatus.REVOKED})

_AGENT_LABELS = {
    RdvStatus.UNKNOWN: "À venir",
    RdvStatus.WAITING: "En salle d'attente",
    RdvStatus.SEEN: "Vu",
    RdvStatus.EXCUSED: "Absent excusé",
    RdvStatus.REVOKED: "Annulé à l'initiative du service",
    RdvStatus.NOSHOW: "Absent non excusé",
}
_USER_LABELS = _AGENT_LABELS | {
    RdvStatus.SEEN: "Rendez-vous honoré",
    RdvStatus.EXCUSED: "Annulé à l'initiative de l'usager",
}
TO_FILL_IN = "À renseigner"


def status_label(status: RdvStatus, rdv_day: date, today: date, *, for_user: bool = False) -> str:
    """`rdv_day` and `today` in the territory's time zone: the label flips at its midnight."""
    if status is RdvStatus.UNKNOWN and rdv_day < today and not for_user:
        return TO_FILL_IN
    return (_USER_LABELS if for_user else _AGENT_LABELS)[status]
