"""An agent changes an RDV's time, duration, lieu, agents, usagers or note.

Rules: the motif never changes; the new lieu and agents belong to the organisation; an overlap
needs `force` again; an exact duplicate is refused; a collective RDV never exceeds its capacity;
usagers added follow the RDV's status, usagers removed leave it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from rdv_contracts.booking import CreatorType, RdvStatus, SingleUseLieu

from booking.application.agent_access import visible_rdv
from booking.application.events import agent_actor, publish_changed
from booking.application.placement import place_for_agent
from booking.application.ports import Clock, UnitOfWorkFactory
from booking.application.references import (
    check_agents,
    check_lieu,
    checked_motif,
    checked_users,
    notified_by_default,
)
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.domain.rights import AgentAccess
from booking.domain.snapshot import snapshot


@dataclass(frozen=True)
class UpdateRdv:
    rdv_id: int
    starts_at: datetime | None = None
    duration_in_min: int | None = None
    lieu_id: int | None = None
    single_use_lieu: SingleUseLieu | None = None
    agent_ids: list[int] | None = None
    user_ids: list[int] | None = None
    context: str | None = None
    max_participants_count: int | None = None
    fields_set: frozenset[str] = frozenset()
    force: bool = False


async def update_rdv(
    uow_factory: UnitOfWorkFactory, clock: Clock, access: AgentAccess, cmd: UpdateRdv
) -> Rdv:
    now = clock()
    async with uow_factory() as uow:
        rdv = await visible_rdv(uow, access, cmd.rdv_id, for_update=True)
        before = snapshot(rdv)
        motif = await checked_motif(uow.directory, rdv.motif_id)
        if cmd.starts_at is not None or cmd.duration_in_min is not None:
            starts_at = cmd.starts_at or rdv.starts_at
            minutes = cmd.duration_in_min or rdv.duration_in_min
            rdv.reschedule(starts_at, starts_at + timedelta(minutes=minutes), now)
        if {"lieu_id", "single_use_lieu"} & cmd.fields_set:
            await check_lieu(uow.directory, motif, cmd.lieu_id, cmd.single_use_lieu)
            rdv.lieu_id, rdv.single_use_lieu = cmd.lieu_id, cmd.single_use_lieu
        if cmd.agent_ids is not None:
            await check_agents(uow.directory, cmd.agent_ids, rdv.organisation_id)
            rdv.agent_ids = list(dict.fromkeys(cmd.agent_ids))
        if cmd.user_ids is not None:
            await checked_users(uow.directory, cmd.user_ids)
            _replace_users(rdv, cmd.user_ids, access.agent_id, notified_by_default(motif))
        if "context" in cmd.fields_set:
            rdv.context = cmd.context
        if "max_participants_count" in cmd.fields_set and rdv.collectif:
            rdv.max_participants_count = cmd.max_participants_count
        rdv.check_invariants()
        await place_for_agent(uow.rdvs, rdv, force=cmd.force)
        rdv.touch(now)
        await uow.rdvs.save(rdv)
        publish_changed(uow, before, rdv, agent_actor(access.agent_id))
        await uow.commit()
    return rdv


def _replace_users(rdv: Rdv, user_ids: list[int], agent_id: int, notify: bool) -> None:
    wanted = set(user_ids)
    rdv.participations = [p for p in rdv.participations if p.user_id in wanted]
    present = {p.user_id for p in rdv.participations}
    for user_id in user_ids:
        if user_id not in present:
            status = RdvStatus.UNKNOWN if rdv.collectif else rdv.status
            rdv.add_participation(Participation(user_id, status, notify, notify, CreatorType.AGENT, agent_id))
