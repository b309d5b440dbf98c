"""Teams (équipes) of a territory: agents grouped under a name, used to filter the agents' slot search.

- Territory admins create, rename, change the members of and delete the teams of their territory;
  every agent working in the territory reads them.
- A name is unique in the territory, whatever its case (409 otherwise).
- Members are agents of an organisation of the territory (422 naming the others).
- Deleting a team removes it for good: `team.deleted`, then a tombstone.
"""

from collections.abc import Mapping
from typing import Any

from directory.application.access import require_territory_admin, require_territory_member
from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_deletion, publish_state
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, NotFound
from directory.domain.teams import Team, check_members

EDITABLE = ("name", "agent_ids")


async def _checked(uow: UnitOfWork, team: Team) -> Team:
    team.validate()
    await uow.territories.get(team.territory_id, for_update=True)  # serialises name checks
    same_name = await uow.teams.named(team.territory_id, team.name)
    if same_name is not None and same_name.id != team.id:
        raise Conflict("Une équipe porte déjà ce nom dans l'espace")
    check_members(team.agent_ids, await uow.teams.agents_of_territory(team.territory_id, team.agent_ids))
    return team


async def _team_for(uow: UnitOfWork, caller: Caller, team_id: int, *, admin: bool) -> Team:
    team = await uow.teams.get(team_id)
    if team is None:
        raise NotFound("équipe introuvable")
    check = require_territory_admin if admin else require_territory_member
    await check(uow, caller, team.territory_id)
    return team


async def create_team(ctx: Context, caller: Caller, territory_id: int, values: Mapping[str, Any]) -> Team:
    async with ctx.uow() as uow:
        await require_territory_admin(uow, caller, territory_id)
        team = await _checked(uow, apply_changes(Team(territory_id, ""), values, EDITABLE))
        team = await uow.teams.add(team)
        publish_state(uow, team, created=True, organisation_id=None)
        await uow.commit()
    return team


async def update_team(ctx: Context, caller: Caller, team_id: int, changes: Mapping[str, Any]) -> Team:
    async with ctx.uow() as uow:
        before = await _team_for(uow, caller, team_id, admin=True)
        team = await uow.teams.save(await _checked(uow, apply_changes(before, changes, EDITABLE)))
        publish_state(uow, team, created=False, organisation_id=None)
        await uow.commit()
    return team


async def delete_team(ctx: Context, caller: Caller, team_id: int) -> None:
    async with ctx.uow() as uow:
        team = await _team_for(uow, caller, team_id, admin=True)
        await uow.teams.remove(team.id)
        publish_deletion(uow, team, None)
        await uow.commit()


async def get_team(ctx: Context, caller: Caller, team_id: int) -> Team:
    async with ctx.uow() as uow:
        return await _team_for(uow, caller, team_id, admin=False)


async def list_teams(
    ctx: Context, caller: Caller, territory_id: int, offset: int, limit: int
) -> tuple[list[Team], int]:
    async with ctx.uow() as uow:
        await require_territory_member(uow, caller, territory_id)
        return await uow.teams.in_territory(territory_id, offset, limit)
