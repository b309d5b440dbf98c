"""Motifs of an organisation, with the reference's validations (§1.7).

- Admins of the organisation (or of its territory) create, change and delete them; members read them.
- The name is unique per organisation, location type and service among live motifs.
- The service must exist and cannot be the Secrétariat.
- The category, when given, is one of the territory of the motif's organisation.
- Once an RDV uses a motif, `collectif` and `location_type` are frozen, and deleting it only marks it
  deleted (soft); an unused motif is deleted for good (`motif.deleted` and a tombstone).
"""

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from directory.application.access import motif_for, organisation_for
from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_deletion, publish_motif
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, InvalidField
from directory.domain.places import Motif, MotifFilters, check_used_motif_change

EDITABLE = [f.name for f in fields(Motif) if f.name not in ("id", "organisation_id", "deleted_at", "version")]


async def category_fits(uow: UnitOfWork, motif: Motif) -> bool:
    """No category, or one of the territory of the motif's organisation."""
    if motif.motif_category_id is None:
        return True
    category = await uow.motif_categories.get(motif.motif_category_id)
    organisation = await uow.organisations.get(motif.organisation_id)
    return (
        category is not None
        and organisation is not None
        and category.territory_id == organisation.territory_id
    )


async def check_motif(uow: UnitOfWork, motif: Motif) -> None:
    service = await uow.services.get(motif.service_id)
    if service is None:
        raise InvalidField("service_id", "service inconnu")
    motif.validate(service.is_secretariat)
    if not await category_fits(uow, motif):
        raise InvalidField("motif_category_id", "catégorie inconnue dans l'espace de l'organisation")
    if await uow.motifs.live_named(motif) is not None:
        raise Conflict("Un motif de ce nom existe déjà pour ce service et ce type de lieu")


async def create_motif(
    ctx: Context, caller: Caller, organisation_id: int, values: Mapping[str, Any]
) -> Motif:
    motif = apply_changes(Motif(organisation_id=organisation_id, service_id=0, name=""), values, EDITABLE)
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id, admin=True)
        await check_motif(uow, motif)
        motif = await uow.motifs.add(motif)
        await publish_motif(uow, motif, created=True)
        await uow.commit()
    return motif


async def update_motif(ctx: Context, caller: Caller, motif_id: int, changes: Mapping[str, Any]) -> Motif:
    async with ctx.uow() as uow:
        before = await motif_for(uow, caller, motif_id, admin=True)
        motif = apply_changes(before, changes, EDITABLE)
        if await uow.rdv_facts.motif_used(motif_id):
            check_used_motif_change(before, motif)
        await check_motif(uow, motif)
        motif = await uow.motifs.save(motif)
        await publish_motif(uow, motif, created=False)
        await uow.commit()
    return motif


async def delete_motif(ctx: Context, caller: Caller, motif_id: int) -> None:
    async with ctx.uow() as uow:
        motif = await motif_for(uow, caller, motif_id, admin=True)
        if await uow.rdv_facts.motif_used(motif_id):
            if motif.deleted_at is None:
                motif.deleted_at = ctx.clock()
                await publish_motif(uow, await uow.motifs.save(motif), created=False)
        else:
            await uow.motifs.remove(motif_id)
            publish_deletion(uow, motif, motif.organisation_id)
        await uow.commit()


async def get_motif(ctx: Context, caller: Caller, motif_id: int) -> Motif:
    async with ctx.uow() as uow:
        return await motif_for(uow, caller, motif_id)


async def list_motifs(
    ctx: Context,
    caller: Caller,
    organisation_id: int,
    filters: MotifFilters,
    offset: int,
    limit: int,
) -> tuple[list[Motif], int]:
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id)
        return await uow.motifs.in_organisation(organisation_id, filters, offset, limit)
