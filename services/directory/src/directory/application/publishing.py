"""Every change publishes the entity's full state on its compacted topic, through the outbox."""

import dataclasses
from typing import Any

from rdv_contracts import directory as dr
from rdv_contracts.base import Contract
from rdv_contracts.registry import envelope, spec_for

from directory.application.ports import UnitOfWork
from directory.domain.agents import Agent, AgentRole, AgentTerritorialRole
from directory.domain.memberships import ReferentAssignation, UserProfile
from directory.domain.places import Lieu, Motif
from directory.domain.teams import Team
from directory.domain.territories import Organisation, Service, Territory
from directory.domain.users import User

_MODELS: dict[type, tuple[type[Contract], type[Contract] | None, type[Contract]]] = {
    Territory: (dr.TerritoryCreated, dr.TerritoryUpdated, dr.TerritoryDeleted),
    Organisation: (dr.OrganisationCreated, dr.OrganisationUpdated, dr.OrganisationDeleted),
    Service: (dr.ServiceCreated, dr.ServiceUpdated, dr.ServiceDeleted),
    Agent: (dr.AgentCreated, dr.AgentUpdated, dr.AgentDeleted),
    AgentRole: (dr.AgentRoleCreated, dr.AgentRoleUpdated, dr.AgentRoleDeleted),
    AgentTerritorialRole: (dr.AgentTerritorialRoleCreated, None, dr.AgentTerritorialRoleDeleted),
    User: (dr.UserCreated, dr.UserUpdated, dr.UserDeleted),
    UserProfile: (dr.UserProfileCreated, None, dr.UserProfileDeleted),
    ReferentAssignation: (dr.ReferentAssignationCreated, None, dr.ReferentAssignationDeleted),
    Lieu: (dr.LieuCreated, dr.LieuUpdated, dr.LieuDeleted),
    Motif: (dr.MotifCreated, dr.MotifUpdated, dr.MotifDeleted),
    Team: (dr.TeamCreated, dr.TeamUpdated, dr.TeamDeleted),
}


def publish_state(
    uow: UnitOfWork, entity: Any, *, created: bool, organisation_id: int | None, **extra: Any
) -> None:
    created_model, updated_model, _ = _MODELS[type(entity)]
    model = created_model if created or updated_model is None else updated_model
    names = set(model.model_fields)
    values = {k: v for k, v in dataclasses.asdict(entity).items() if k in names} | extra
    uow.publish(
        envelope(model.model_validate(values), aggregate_id=entity.id, organisation_id=organisation_id)
    )


def publish_deletion(
    uow: UnitOfWork, entity: Any, scope: int | None, reason: str | None = None, **extra: Any
) -> None:
    """The `*.deleted` event, then the tombstone that lets compaction forget the entity.

    `scope`: the envelope's organisation id; `extra`: the payload's fields beside id and reason."""
    model = _MODELS[type(entity)][2]
    payload = model.model_validate({"id": entity.id, "reason": reason, **extra})
    event = envelope(payload, aggregate_id=entity.id, organisation_id=scope)
    uow.publish(event)
    uow.publish_tombstone(spec_for(event.event_type).topic.name, str(entity.id))


async def publish_agent(uow: UnitOfWork, agent: Agent, *, created: bool) -> None:
    memberships = await uow.agents.memberships(agent.id)
    publish_state(
        uow,
        agent,
        created=created,
        organisation_id=memberships[0].organisation_id if memberships else None,
        service_ids=await uow.agents.service_ids(agent.id),
        organisation_ids=[m.organisation_id for m in memberships],
    )


async def publish_motif(uow: UnitOfWork, motif: Motif, *, created: bool) -> None:
    """With its category's current state embedded (reference webhook: `motif_category`)."""
    category = None
    if motif.motif_category_id is not None:
        found = await uow.motif_categories.get(motif.motif_category_id)
        category = dataclasses.asdict(found) if found else None
        if category is not None:
            category = {k: category[k] for k in ("id", "name", "short_name")}
    publish_state(uow, motif, created=created, organisation_id=motif.organisation_id, motif_category=category)


async def publish_territory(uow: UnitOfWork, territory: Territory, *, created: bool) -> None:
    service_ids = await uow.territories.service_ids(territory.id)
    publish_state(uow, territory, created=created, organisation_id=None, service_ids=service_ids)


async def publish_user(uow: UnitOfWork, user: User, *, created: bool) -> None:
    profiles = await uow.user_profiles.of_user(user.id)
    publish_state(
        uow, user, created=created, organisation_id=profiles[0].organisation_id if profiles else None
    )
