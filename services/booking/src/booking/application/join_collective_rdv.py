"""An usager joins a collective RDV (atelier), for themselves or a relative.

Rules: the motif is open to everyone; the RDV is not cancelled and starts after the motif's minimum
booking delay; one member per family; never more than the capacity, even under concurrent joins
(row lock and a database check); an usager who had cancelled may join again.
"""

from dataclasses import dataclass
from datetime import timedelta

from rdv_contracts.booking import CreatorType, RdvStatus
from rdv_contracts.directory import BookableBy

from booking.application.events import publish_changed, user_actor
from booking.application.ports import Clock, UnitOfWorkFactory
from booking.application.references import checked_motif, notified_by_default
from booking.application.usager_access import family_ids, own_user_ids
from booking.domain.errors import InvalidRdv, RdvNotFound, RuleRefused
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.domain.snapshot import snapshot


@dataclass(frozen=True)
class JoinCollectiveRdv:
    rdv_id: int
    user_id: int
    for_user_id: int | None = None


async def join_collective_rdv(uow_factory: UnitOfWorkFactory, clock: Clock, cmd: JoinCollectiveRdv) -> Rdv:
    now = clock()
    member = cmd.for_user_id or cmd.user_id
    async with uow_factory() as uow:
        if member not in await own_user_ids(uow, cmd.user_id):
            raise InvalidRdv("for_user_id", "Vous pouvez inscrire vous-même ou l'un de vos proches.")
        rdv = await uow.rdvs.get(cmd.rdv_id, for_update=True)
        motif = await checked_motif(uow.directory, rdv.motif_id) if rdv else None
        if rdv is None or motif is None or not rdv.collectif or motif.bookable_by is not BookableBy.EVERYONE:
            raise RdvNotFound()
        if rdv.is_cancelled or rdv.starts_at < now + timedelta(seconds=motif.min_public_booking_delay):
            raise RuleRefused("Les inscriptions à cet atelier sont closes.")
        before = snapshot(rdv)
        family = await family_ids(uow, member) - {member}
        if any(p.user_id in family and not p.is_cancelled for p in rdv.participations):
            raise RuleRefused("Un membre de votre famille est déjà inscrit à cet atelier.")
        existing = rdv.participation_of(member)
        if existing is not None and not existing.is_cancelled:
            return rdv
        if existing is not None:
            rdv.participations.remove(existing)
            existing.status = RdvStatus.UNKNOWN
            rdv.add_participation(existing)
        else:
            notify = notified_by_default(motif)
            rdv.add_participation(
                Participation(member, RdvStatus.UNKNOWN, notify, notify, CreatorType.USER, cmd.user_id)
            )
        rdv.touch(now)
        await uow.rdvs.save(rdv)
        publish_changed(uow, before, rdv, user_actor(cmd.user_id))
        await uow.commit()
    return rdv
