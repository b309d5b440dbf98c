"""An agent creates an RDV.

Rules: the motif, lieu and agents belong to the organisation; basic agents book their services'
motifs, admins and the Secrétariat any motif of the organisation; any time is allowed (no plage, no
delay); an overlap with another RDV of the same agent needs `force`; an exact duplicate (same
organisation, lieu, motif, time, agents and usagers) is always refused; a collective RDV has a name
and an optional capacity and may start with no usager.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rdv_contracts.booking import CreatorType, RdvStatus, SingleUseLieu

from booking.application.events import agent_actor, publish_created
from booking.application.placement import place_for_agent
from booking.application.ports import Clock, UnitOfWorkFactory
from booking.application.references import (
    check_agents,
    check_lieu,
    checked_motif,
    checked_users,
    notified_by_default,
)
from booking.domain.errors import InvalidRdv, NotAllowed, RdvNotFound
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.domain.rights import AgentAccess


@dataclass(frozen=True)
class CreateRdv:
    organisation_id: int
    motif_id: int
    starts_at: datetime
    agent_ids: list[int]
    user_ids: list[int] = field(default_factory=list)
    duration_in_min: int | None = None
    lieu_id: int | None = None
    single_use_lieu: SingleUseLieu | None = None
    context: str | None = None
    name: str | None = None
    max_participants_count: int | None = None
    force: bool = False


async def create_rdv(
    uow_factory: UnitOfWorkFactory, clock: Clock, access: AgentAccess, cmd: CreateRdv
) -> Rdv:
    now = clock()
    async with uow_factory() as uow:
        organisation = await uow.directory.organisation(cmd.organisation_id)
        territory_id = organisation.territory_id if organisation else None
        if not access.is_member(cmd.organisation_id, territory_id):
            raise RdvNotFound("Organisation introuvable.")
        motif = await checked_motif(uow.directory, cmd.motif_id, cmd.organisation_id)
        if not access.may_book(cmd.organisation_id, territory_id, motif.service_id, motif.for_secretariat):
            raise NotAllowed("Ce motif n'est pas ouvert à vos services.")
        if not motif.collectif and (cmd.name is not None or cmd.max_participants_count is not None):
            raise InvalidRdv("name", "Seul un RDV collectif a un nom et une capacité.")
        await check_lieu(uow.directory, motif, cmd.lieu_id, cmd.single_use_lieu)
        await check_agents(uow.directory, cmd.agent_ids, cmd.organisation_id)
        await checked_users(uow.directory, cmd.user_ids)
        notify = notified_by_default(motif)
        duration = timedelta(minutes=cmd.duration_in_min or motif.default_duration_in_min)
        rdv = Rdv(
            organisation_id=cmd.organisation_id,
            motif_id=motif.id,
            starts_at=cmd.starts_at,
            ends_at=cmd.starts_at + duration,
            agent_ids=list(dict.fromkeys(cmd.agent_ids)),
            participations=[
                Participation(user_id, RdvStatus.UNKNOWN, notify, notify, CreatorType.AGENT, access.agent_id)
                for user_id in cmd.user_ids
            ],
            created_by=CreatorType.AGENT,
            created_by_id=access.agent_id,
            created_at=now,
            lieu_id=cmd.lieu_id,
            single_use_lieu=cmd.single_use_lieu,
            context=cmd.context,
            name=cmd.name,
            collectif=motif.collectif,
            max_participants_count=cmd.max_participants_count,
        )
        await place_for_agent(uow.rdvs, rdv, force=cmd.force)
        await uow.rdvs.add(rdv)
        publish_created(uow, rdv, agent_actor(access.agent_id))
        await uow.commit()
    return rdv
