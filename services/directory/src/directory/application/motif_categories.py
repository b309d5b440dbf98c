"""Categories of motifs of a territory (name, short name); a motif may have one.

- Territory admins create, rename and delete the categories of their territory; every agent working
  in the territory reads them.
- The short name (lower-case letters, digits, `_`) and the name (whatever its case) are unique in
  the territory (409).
- A category is not published on its own: each motif's state embeds its category, so renaming one
  publishes the new state of each of its motifs.
- A category still used by motifs (even soft-deleted ones) cannot be deleted: 409 saying how many.
"""

from collections.abc import Mapping
from typing import Any

from directory.application.access import require_territory_admin, require_territory_member
from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_motif
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, NotFound
from directory.domain.motif_categories import MotifCategory

EDITABLE = ("name", "short_name")


async def _checked(uow: UnitOfWork, category: MotifCategory) -> MotifCategory:
    category.validate()
    await uow.territories.get(category.territory_id, for_update=True)  # serialises uniqueness checks
    if await uow.motif_categories.clashing(category) is not None:
        raise Conflict("Une catégorie de motifs porte déjà ce nom ou ce nom court dans l'espace")
    return category


async def _category_for(uow: UnitOfWork, caller: Caller, category_id: int, *, admin: bool) -> MotifCategory:
    category = await uow.motif_categories.get(category_id)
    if category is None:
        raise NotFound("catégorie de motifs introuvable")
    check = require_territory_admin if admin else require_territory_member
    await check(uow, caller, category.territory_id)
    return category


async def create_motif_category(
    ctx: Context, caller: Caller, territory_id: int, values: Mapping[str, Any]
) -> MotifCategory:
    async with ctx.uow() as uow:
        await require_territory_admin(uow, caller, territory_id)
        category = await _checked(uow, apply_changes(MotifCategory(territory_id, "", ""), values, EDITABLE))
        category = await uow.motif_categories.add(category)
        await uow.commit()
    return category


async def update_motif_category(
    ctx: Context, caller: Caller, category_id: int, changes: Mapping[str, Any]
) -> MotifCategory:
    async with ctx.uow() as uow:
        before = await _category_for(uow, caller, category_id, admin=True)
        category = await _checked(uow, apply_changes(before, changes, EDITABLE))
        category = await uow.motif_categories.save(category)
        for motif in await uow.motifs.of_category(category_id):
            await publish_motif(uow, await uow.motifs.save(motif), created=False)
        await uow.commit()
    return category


async def delete_motif_category(ctx: Context, caller: Caller, category_id: int) -> None:
    async with ctx.uow() as uow:
        category = await _category_for(uow, caller, category_id, admin=True)
        used_by = await uow.motif_categories.motif_count(category.id)
        if used_by:
            raise Conflict(f"Cette catégorie est utilisée par {used_by} motif(s) : retirez-la d'abord")
        await uow.motif_categories.remove(category.id)
        await uow.commit()


async def get_motif_category(ctx: Context, caller: Caller, category_id: int) -> MotifCategory:
    async with ctx.uow() as uow:
        return await _category_for(uow, caller, category_id, admin=False)


async def list_motif_categories(
    ctx: Context, caller: Caller, territory_id: int, offset: int, limit: int
) -> tuple[list[MotifCategory], int]:
    async with ctx.uow() as uow:
        await require_territory_member(uow, caller, territory_id)
        return await uow.motif_categories.in_territory(territory_id, offset, limit)


async def categories_of(ctx: Context, category_ids: set[int]) -> dict[int, MotifCategory]:
    """For showing motifs with their category; the caller already sees the motifs."""
    async with ctx.uow() as uow:
        return {c.id: c for c in await uow.motif_categories.by_ids(sorted(category_ids))}
