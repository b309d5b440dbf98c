"""What an usager sees of their RDV after booking and through a link: the RDV with the motif's
instructions, the place and how to reach the organisation, all from the local copies.

Rules: the agent's note (`context`) never shows; the motif's `instruction_for_rdv` and
`custom_cancel_warning_message` do; the organisation's phone, e-mail and website are its contact;
whether the usager may still cancel or move it online follows `cancel_rdv_by_user` and `move_rdv_by_user`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rdv_contracts.directory import Lieu, Motif, Organisation, Service

from booking.application.ports import UnitOfWork
from booking.application.read_rdvs import DEFAULT_TIME_ZONE
from booking.domain.errors import RuleRefused
from booking.domain.rdv import Rdv
from booking.domain.self_service import ensure_cancellable_by_user, ensure_movable_by_user


@dataclass(frozen=True)
class Recap:
    rdv: Rdv
    motif: Motif | None
    service: Service | None
    lieu: Lieu | None
    organisation: Organisation | None
    time_zone: str
    cancellable: bool
    movable: bool


async def recap_of(uow: UnitOfWork, rdv: Rdv, now: datetime, motif: Motif | None = None) -> Recap:
    motif = motif or await uow.directory.motif(rdv.motif_id)
    organisation = await uow.directory.organisation(rdv.organisation_id)
    territory = await uow.directory.territory(organisation.territory_id) if organisation else None
    return Recap(
        rdv,
        motif,
        await uow.directory.service(motif.service_id) if motif else None,
        await uow.directory.lieu(rdv.lieu_id) if rdv.lieu_id is not None else None,
        organisation,
        territory.time_zone if territory else DEFAULT_TIME_ZONE,
        motif is not None and _allowed(ensure_cancellable_by_user, rdv, motif, now),
        motif is not None and _allowed(ensure_movable_by_user, rdv, motif, now),
    )


def _allowed(rule: Callable[[Rdv, Motif, datetime], None], rdv: Rdv, motif: Motif, now: datetime) -> bool:
    try:
        rule(rdv, motif, now)
    except RuleRefused:
        return False
    return True
