from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.tables import (
    agent_roles,
    agent_services,
    agent_territorial_roles,
    agents,
    organisations,
)
from directory.domain.agents import Agent, AgentRole, AgentTerritorialRole
from directory.domain.memberships import Membership

from .base import SqlRepository


class AgentRepository(SqlRepository[Agent]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, agents, Agent)

    async def by_email(self, email: str) -> Agent | None:
        found = await self.find(agents.c.email == email.strip().lower(), limit=1)
        return found[0] if found else None

    async def password_hash(self, agent_id: int) -> str | None:
        query = select(agents.c.password_hash).where(agents.c.id == agent_id)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def set_password_hash(self, agent_id: int, password_hash: str | None) -> None:
        await self.session.execute(
            update(agents).where(agents.c.id == agent_id).values(password_hash=password_hash)
        )

    async def service_ids(self, agent_id: int) -> list[int]:
        query = select(agent_services.c.service_id).where(agent_services.c.agent_id == agent_id)
        return sorted((await self.session.execute(query)).scalars())

    async def set_service_ids(self, agent_id: int, service_ids: list[int]) -> None:
        await self.session.execute(delete(agent_services).where(agent_services.c.agent_id == agent_id))
        if service_ids:
            rows = [{"agent_id": agent_id, "service_id": s} for s in sorted(set(service_ids))]
            await self.session.execute(insert(agent_services), rows)

    async def memberships(self, agent_id: int) -> list[Membership]:
        query = (
            select(agent_roles.c.organisation_id, organisations.c.territory_id, agent_roles.c.access_level)
            .join(organisations, organisations.c.id == agent_roles.c.organisation_id)
            .where(agent_roles.c.agent_id == agent_id)
            .order_by(agent_roles.c.organisation_id)
        )
        return [Membership(*row) for row in (await self.session.execute(query)).all()]

    async def territories_administered(self, agent_id: int) -> list[int]:
        query = select(agent_territorial_roles.c.territory_id).where(
            agent_territorial_roles.c.agent_id == agent_id
        )
        return sorted((await self.session.execute(query)).scalars())

    async def in_organisation(
        self, organisation_id: int, service_ids: set[int] | None, offset: int, limit: int
    ) -> tuple[list[Agent], int]:
        """Live agents with a role in the organisation; with `service_ids`, only those sharing one."""
        where = [
            agents.c.deleted_at.is_(None),
            agents.c.id.in_(
                select(agent_roles.c.agent_id).where(agent_roles.c.organisation_id == organisation_id)
            ),
        ]
        if service_ids is not None:
            where.append(
                agents.c.id.in_(
                    select(agent_services.c.agent_id).where(agent_services.c.service_id.in_(service_ids))
                )
            )
        total = await self.count(*where)
        order = [func.lower(agents.c.last_name), agents.c.id]
        return await self.find(*where, order_by=order, offset=offset, limit=limit), total


class AgentRoleRepository(SqlRepository[AgentRole]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, agent_roles, AgentRole)

    async def of(self, agent_id: int, organisation_id: int) -> AgentRole | None:
        found = await self.find(
            agent_roles.c.agent_id == agent_id, agent_roles.c.organisation_id == organisation_id
        )
        return found[0] if found else None

    async def admin_agent_ids(self, organisation_id: int) -> set[int]:
        query = select(agent_roles.c.agent_id).where(
            agent_roles.c.organisation_id == organisation_id, agent_roles.c.access_level == "admin"
        )
        return set((await self.session.execute(query)).scalars())

    async def in_organisation(self, organisation_id: int) -> list[AgentRole]:
        return await self.find(agent_roles.c.organisation_id == organisation_id)


class TerritorialRoleRepository(SqlRepository[AgentTerritorialRole]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, agent_territorial_roles, AgentTerritorialRole)

    async def of_territory(self, territory_id: int) -> list[AgentTerritorialRole]:
        return await self.find(agent_territorial_roles.c.territory_id == territory_id)

    async def of(self, agent_id: int, territory_id: int) -> AgentTerritorialRole | None:
        found = await self.find(
            agent_territorial_roles.c.agent_id == agent_id,
            agent_territorial_roles.c.territory_id == territory_id,
        )
        return found[0] if found else None
