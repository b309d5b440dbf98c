"""A territory admin changes the same fields of several motifs of their territory at once.

All or nothing: one invalid motif refuses the whole change.
"""

from collections.abc import Mapping
from typing import Any

from directory.application.access import require_territory_admin
from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.motifs import EDITABLE, check_motif
from directory.application.publishing import publish_motif
from directory.domain.caller import Caller
from directory.domain.errors import NotFound
from directory.domain.places import Motif, check_used_motif_change


async def bulk_update_motifs(
    ctx: Context, caller: Caller, territory_id: int, motif_ids: list[int], changes: Mapping[str, Any]
) -> list[Motif]:
    async with ctx.uow() as uow:
        await require_territory_admin(uow, caller, territory_id)
        motifs = await uow.motifs.by_ids(motif_ids)
        organisations = {o.id for o in await uow.organisations.in_territory(territory_id)}
        if len(motifs) != len(set(motif_ids)) or any(m.organisation_id not in organisations for m in motifs):
            raise NotFound("motif introuvable")
        updated = []
        for before in motifs:
            motif = apply_changes(before, changes, EDITABLE)
            if await uow.rdv_facts.motif_used(before.id):
                check_used_motif_change(before, motif)
            await check_motif(uow, motif)
            motif = await uow.motifs.save(motif)
            await publish_motif(uow, motif, created=False)
            updated.append(motif)
        await uow.commit()
    return updated
