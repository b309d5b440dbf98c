"""Organisations of a territory.

- A territory admin creates organisations in their territory; the name is unique in the territory.
- An admin of the organisation (or of its territory) updates it; every member reads it.
- The list shows the caller's organisations (and all those of the territories they administer).
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from directory.application.access import organisation_for, require_territory_admin
from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_state
from directory.domain.caller import Caller
from directory.domain.errors import Conflict
from directory.domain.territories import Organisation

EDITABLE = [f.name for f in fields(Organisation) if f.name not in ("id", "territory_id", "version")]


@dataclass(frozen=True)
class CreateOrganisation:
    territory_id: int
    values: Mapping[str, Any]


async def _check_unique(uow: UnitOfWork, organisation: Organisation) -> None:
    same_name = await uow.organisations.named(organisation.territory_id, organisation.name)
    if same_name is not None and same_name.id != organisation.id:
        raise Conflict("Une organisation porte déjà ce nom dans l'espace")


async def create_organisation(ctx: Context, caller: Caller, command: CreateOrganisation) -> Organisation:
    organisation = apply_changes(
        Organisation(territory_id=command.territory_id, name=""), command.values, EDITABLE
    )
    organisation.validate()
    async with ctx.uow() as uow:
        await require_territory_admin(uow, caller, command.territory_id)
        await _check_unique(uow, organisation)
        organisation = await uow.organisations.add(organisation)
        publish_state(uow, organisation, created=True, organisation_id=organisation.id)
        await uow.commit()
    return organisation


async def update_organisation(
    ctx: Context, caller: Caller, organisation_id: int, changes: Mapping[str, Any]
) -> Organisation:
    async with ctx.uow() as uow:
        organisation = await organisation_for(uow, caller, organisation_id, admin=True)
        organisation = apply_changes(organisation, changes, EDITABLE)
        organisation.validate()
        await _check_unique(uow, organisation)
        organisation = await uow.organisations.save(organisation)
        publish_state(uow, organisation, created=False, organisation_id=organisation.id)
        await uow.commit()
    return organisation


async def get_organisation(ctx: Context, caller: Caller, organisation_id: int) -> Organisation:
    async with ctx.uow() as uow:
        return await organisation_for(uow, caller, organisation_id)


async def list_organisations(ctx: Context, caller: Caller) -> list[Organisation]:
    async with ctx.uow() as uow:
        found = {o.id: o for o in await uow.organisations.by_ids(list(caller.organisation_ids))}
        for territory_id in caller.territory_ids:
            found |= {o.id: o for o in await uow.organisations.in_territory(territory_id)}
    return sorted(found.values(), key=lambda o: (o.name, o.id or 0))
