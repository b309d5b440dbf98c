"""Lieux of an organisation.

- Admins of the organisation (or its territory) create, change and disable them; members read them.
- Deleting a lieu disables it (soft deletion, reference §1.6): plages and past RDVs keep pointing at it.
- A lieu ponctuel (single_use) stays one, and no lieu becomes one.
"""

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from rdv_contracts.directory import LieuAvailability

from directory.application.access import lieu_for, organisation_for
from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.publishing import publish_state
from directory.domain.caller import Caller
from directory.domain.places import Lieu, check_availability_change

EDITABLE = [f.name for f in fields(Lieu) if f.name not in ("id", "organisation_id", "version")]


async def create_lieu(ctx: Context, caller: Caller, organisation_id: int, values: Mapping[str, Any]) -> Lieu:
    lieu = apply_changes(Lieu(organisation_id, "", "", 0.0, 0.0), values, EDITABLE)
    lieu.validate()
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id, admin=True)
        lieu = await uow.lieux.add(lieu)
        publish_state(uow, lieu, created=True, organisation_id=organisation_id)
        await uow.commit()
    return lieu


async def update_lieu(ctx: Context, caller: Caller, lieu_id: int, changes: Mapping[str, Any]) -> Lieu:
    async with ctx.uow() as uow:
        before = await lieu_for(uow, caller, lieu_id, admin=True)
        lieu = apply_changes(before, changes, EDITABLE)
        check_availability_change(before.availability, lieu.availability)
        lieu.validate()
        lieu = await uow.lieux.save(lieu)
        publish_state(uow, lieu, created=False, organisation_id=lieu.organisation_id)
        await uow.commit()
    return lieu


async def disable_lieu(ctx: Context, caller: Caller, lieu_id: int) -> Lieu:
    async with ctx.uow() as uow:
        lieu = await lieu_for(uow, caller, lieu_id, admin=True)
        if lieu.availability is LieuAvailability.ENABLED:
            lieu.availability = LieuAvailability.DISABLED
            lieu = await uow.lieux.save(lieu)
            publish_state(uow, lieu, created=False, organisation_id=lieu.organisation_id)
            await uow.commit()
    return lieu


async def get_lieu(ctx: Context, caller: Caller, lieu_id: int) -> Lieu:
    async with ctx.uow() as uow:
        return await lieu_for(uow, caller, lieu_id)


async def list_lieux(
    ctx: Context, caller: Caller, organisation_id: int, offset: int, limit: int
) -> tuple[list[Lieu], int]:
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id)
        return await uow.lieux.in_organisation(organisation_id, offset, limit)
