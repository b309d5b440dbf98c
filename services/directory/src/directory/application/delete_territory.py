"""Deleting a territory (espace), for good, by one of its territory admins.

- Only a territory without organisations can be deleted (409 saying how many remain: delete them
  first, see `delete_organisation`).
- Its teams and its territory admins' roles go with it, each published as deleted then tombstoned,
  as are its motif categories (unused: categories belong to motifs of its organisations) and its
  enabled services; then `territory.deleted` and the territory's tombstone.
"""

from directory.application.access import require_territory_admin
from directory.application.context import Context
from directory.application.publishing import publish_deletion
from directory.domain.caller import Caller
from directory.domain.errors import NotFound
from directory.domain.removals import check_nothing_left

EVERY = 10_000


async def delete_territory(ctx: Context, caller: Caller, territory_id: int) -> None:
    async with ctx.uow() as uow:
        territory = await uow.territories.get(territory_id, for_update=True)
        if territory is None:
            raise NotFound("espace introuvable")
        await require_territory_admin(uow, caller, territory_id)
        organisations = await uow.organisations.in_territory(territory_id)
        check_nothing_left("l'espace", {"organisations": len(organisations)})
        teams, _ = await uow.teams.in_territory(territory_id, 0, EVERY)
        for team in teams:
            publish_deletion(uow, team, None)
        for role in await uow.territorial_roles.of_territory(territory_id):
            publish_deletion(uow, role, None, agent_id=role.agent_id, territory_id=territory_id)
        await uow.territories.remove(territory_id)
        publish_deletion(uow, territory, None)
        await uow.commit()
