"""An usager cancels their RDV (or leaves a collective one), from their space or a link.

Rules: strictly more than 4 hours before the start, if the motif allows it; an individual RDV
becomes `excused` and is kept; in a collective RDV only the usager's participation is excused.
"""

from datetime import datetime

from rdv_contracts import booking as bk
from rdv_contracts.booking import RdvStatus

from booking.application.events import publish_changed, user_actor
from booking.application.ports import UnitOfWork
from booking.application.references import checked_motif
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.domain.self_service import ensure_cancellable_by_user
from booking.domain.snapshot import snapshot


async def cancel_participation(
    uow: UnitOfWork, rdv: Rdv, participation: Participation, now: datetime, actor: bk.Actor
) -> None:
    """Inside the caller's unit of work, which commits."""
    motif = await checked_motif(uow.directory, rdv.motif_id)
    ensure_cancellable_by_user(rdv, motif, now)
    before = snapshot(rdv)
    if rdv.collectif:
        if participation.is_cancelled:
            return
        rdv.set_participation_status(participation, RdvStatus.EXCUSED, now)
    else:
        rdv.set_status(RdvStatus.EXCUSED, now)
    rdv.touch(now)
    await uow.rdvs.save(rdv)
    publish_changed(uow, before, rdv, actor)


def usager(user_id: int | None) -> bk.Actor:
    return user_actor(user_id) if user_id is not None else bk.Actor(type=bk.ActorType.USER)
