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

from booking.application.ports import MotifContext, UnitOfWork
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


async def recap_of(uow: UnitOfWork, rdv: Rdv, now: datetime, known: MotifContext | None = None) -> Recap:
    """`known`: the context the caller already read, reused when it names the RDV's lieu."""
    context = known
    if context is None or (context.lieu.id if context.lieu else None) != rdv.lieu_id:
        context = await uow.directory.motif_context(rdv.motif_id, rdv.lieu_id)
    motif = context.motif if context else None
    return Recap(
        rdv,
        motif,
        context.service if context else None,
        context.lieu if context else None,
        context.organisation if context else None,
        context.territory.time_zone if context and context.territory else DEFAULT_TIME_ZONE,
        motif is not None and _allowed(ensure_cancellable_by_user, rdv, motif, now),
        motif is not None and _allowed(ensure_movable_by_user, rdv, motif, now),
    )


def _allowed(rule: Callable[[Rdv, Motif, datetime], None], rdv: Rdv, motif: Motif, now: datetime) -> bool:
    try:
        rule(rdv, motif, now)
    except RuleRefused:
        return False
    return True
