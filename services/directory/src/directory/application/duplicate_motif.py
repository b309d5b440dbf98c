"""Copy a motif into another organisation; the caller must be admin of both.

The copy keeps the category only within the same territory."""

import dataclasses

from directory.application.access import motif_for, organisation_for
from directory.application.context import Context
from directory.application.motifs import category_fits, check_motif
from directory.application.publishing import publish_motif
from directory.domain.caller import Caller
from directory.domain.places import Motif


async def duplicate_motif(ctx: Context, caller: Caller, motif_id: int, organisation_id: int) -> Motif:
    async with ctx.uow() as uow:
        source = await motif_for(uow, caller, motif_id, admin=True)
        await organisation_for(uow, caller, organisation_id, admin=True)
        copy = dataclasses.replace(source, id=0, organisation_id=organisation_id, deleted_at=None, version=1)
        if not await category_fits(uow, copy):
            copy.motif_category_id = None  # categories belong to a territory: not carried across
        await check_motif(uow, copy)
        copy = await uow.motifs.add(copy)
        await publish_motif(uow, copy, created=True)
        await uow.commit()
    return copy
