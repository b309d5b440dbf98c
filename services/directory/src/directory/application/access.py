"""Loading what a caller asks for, and answering "not found" for what they may not see."""

from directory.application.ports import UnitOfWork
from directory.domain import rights
from directory.domain.agents import Agent
from directory.domain.caller import Caller
from directory.domain.errors import NotFound
from directory.domain.places import Lieu, Motif
from directory.domain.territories import Organisation
from directory.domain.users import User


async def organisation_for(
    uow: UnitOfWork, caller: Caller, organisation_id: int, *, admin: bool = False
) -> Organisation:
    organisation = await uow.organisations.get(organisation_id)
    if organisation is None:
        raise NotFound("organisation introuvable")
    check = rights.require_admin if admin else rights.require_member
    check(caller, organisation.id, organisation.territory_id, "organisation")
    return organisation


async def require_territory_admin(uow: UnitOfWork, caller: Caller, territory_id: int) -> None:
    if await uow.territories.get(territory_id) is None:
        raise NotFound("espace introuvable")
    member_of = await uow.organisations.territory_ids_of(list(caller.organisation_ids))
    rights.require_territory_admin(caller, territory_id, member_of)


async def require_territory_member(uow: UnitOfWork, caller: Caller, territory_id: int) -> None:
    """Territory admins and agents working in one of its organisations."""
    if await uow.territories.get(territory_id) is None:
        raise NotFound("espace introuvable")
    if caller.kind == "system" or territory_id in caller.territory_ids:
        return
    member_of = await uow.organisations.territory_ids_of(rights.member_organisation_ids(caller))
    if territory_id not in member_of:
        raise NotFound("espace introuvable")


async def agent_for(uow: UnitOfWork, caller: Caller, agent_id: int) -> Agent:
    agent = await uow.agents.get(agent_id)
    if agent is None or agent.deleted_at is not None:
        raise NotFound("agent introuvable")
    memberships = await uow.agents.memberships(agent_id)
    service_ids = await uow.agents.service_ids(agent_id)
    visible = rights.sees_agent(
        caller, agent_id, [(m.organisation_id, m.territory_id) for m in memberships], service_ids
    )
    if not visible:
        raise NotFound("agent introuvable")
    return agent


async def user_for(uow: UnitOfWork, caller: Caller, user_id: int, *, for_update: bool = False) -> User:
    user = await uow.users.get(user_id, for_update=for_update)
    if user is None or user.deleted_at is not None:
        raise NotFound("usager introuvable")
    if caller.kind == "user":
        if caller.id in (user.id, user.responsible_id):
            return user
        raise NotFound("usager introuvable")
    profiles = await uow.user_profiles.of_user(user_id)
    organisations = await uow.organisations.by_ids([p.organisation_id for p in profiles])
    placed = [(o.id, o.territory_id) for o in organisations]
    if rights.sees_user(caller, placed, (), ()):
        return user
    open_territories = [t for t in {t for _, t in placed} if await users_visible_throughout(uow, t)]
    member_of = await uow.organisations.territory_ids_of(rights.member_organisation_ids(caller))
    if not rights.sees_user(caller, placed, open_territories, member_of):
        raise NotFound("usager introuvable")
    return user


async def users_visible_throughout(uow: UnitOfWork, territory_id: int) -> bool:
    territory = await uow.territories.get(territory_id)
    return territory is not None and territory.visible_users_throughout_the_territory


async def lieu_for(uow: UnitOfWork, caller: Caller, lieu_id: int, *, admin: bool = False) -> Lieu:
    lieu = await uow.lieux.get(lieu_id)
    if lieu is None:
        raise NotFound("lieu introuvable")
    await organisation_for(uow, caller, lieu.organisation_id, admin=admin)
    return lieu


async def motif_for(uow: UnitOfWork, caller: Caller, motif_id: int, *, admin: bool = False) -> Motif:
    motif = await uow.motifs.get(motif_id)
    if motif is None:
        raise NotFound("motif introuvable")
    await organisation_for(uow, caller, motif.organisation_id, admin=admin)
    return motif
