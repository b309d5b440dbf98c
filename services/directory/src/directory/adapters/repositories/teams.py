from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.tables import agent_roles, agents, organisations, teams
from directory.domain.teams import Team

from .base import SqlRepository


class TeamRepository(SqlRepository[Team]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, teams, Team)

    async def in_territory(self, territory_id: int, offset: int, limit: int) -> tuple[list[Team], int]:
        where = [teams.c.territory_id == territory_id]
        found = await self.find(*where, order_by=[teams.c.name, teams.c.id], offset=offset, limit=limit)
        return found, await self.count(*where)

    async def named(self, territory_id: int, name: str) -> Team | None:
        found = await self.find(
            teams.c.territory_id == territory_id, func.lower(teams.c.name) == name.lower()
        )
        return found[0] if found else None

    async def with_member(self, agent_id: int) -> list[Team]:
        return await self.find(teams.c.agent_ids.any_() == agent_id)

    async def agents_of_territory(self, territory_id: int, agent_ids: list[int]) -> set[int]:
        query = (
            select(agent_roles.c.agent_id)
            .join(organisations, organisations.c.id == agent_roles.c.organisation_id)
            .join(agents, agents.c.id == agent_roles.c.agent_id)
            .where(
                organisations.c.territory_id == territory_id,
                agent_roles.c.agent_id.in_(agent_ids),
                agents.c.deleted_at.is_(None),
            )
        )
        return set((await self.session.execute(query)).scalars())
