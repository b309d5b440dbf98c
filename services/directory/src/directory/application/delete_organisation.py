"""Deleting an organisation, for good, by a territory admin.

- Only an empty organisation can be deleted: no agent (intervenants included), no motif and no lieu
  (soft-deleted or disabled ones included: they carry its RDVs' history), no usager, and no RDV known
  from booking (past or future). Otherwise 409 naming what remains, to remove first.
- Its API tokens go with it; `organisation.deleted` then a tombstone are published.
"""

from directory.application.access import require_territory_admin
from directory.application.context import Context
from directory.application.publishing import publish_deletion
from directory.domain.caller import Caller
from directory.domain.errors import NotFound
from directory.domain.removals import check_nothing_left


async def delete_organisation(ctx: Context, caller: Caller, organisation_id: int) -> None:
    async with ctx.uow() as uow:
        organisation = await uow.organisations.get(organisation_id, for_update=True)
        if organisation is None:
            raise NotFound("organisation introuvable")
        await require_territory_admin(uow, caller, organisation.territory_id)
        check_nothing_left("l'organisation", await uow.organisations.holdings(organisation_id))
        await uow.organisations.remove(organisation_id)
        publish_deletion(uow, organisation, organisation_id)
        await uow.commit()
