from sqlalchemy import ScalarSelect, Table, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.auth_tables import rdv_facts
from directory.adapters.tables import (
    agent_roles,
    agent_territorial_roles,
    lieux,
    motifs,
    organisations,
    services,
    territories,
    territory_services,
    user_profiles,
)
from directory.domain.territories import Organisation, Service, Territory

from .base import SqlRepository


class TerritoryRepository(SqlRepository[Territory]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, territories, Territory)

    async def service_ids(self, territory_id: int) -> list[int]:
        query = select(territory_services.c.service_id).where(
            territory_services.c.territory_id == territory_id
        )
        return sorted((await self.session.execute(query)).scalars())

    async def set_service_ids(self, territory_id: int, service_ids: list[int]) -> None:
        await self.session.execute(
            delete(territory_services).where(territory_services.c.territory_id == territory_id)
        )
        if service_ids:
            rows = [{"territory_id": territory_id, "service_id": s} for s in sorted(set(service_ids))]
            await self.session.execute(insert(territory_services), rows)

    async def set_sms_configuration(self, territory_id: int, encrypted: bytes | None) -> None:
        await self.session.execute(
            territories.update().where(territories.c.id == territory_id).values(sms_configuration=encrypted)
        )

    async def admin_agent_ids(self, territory_id: int) -> set[int]:
        query = select(agent_territorial_roles.c.agent_id).where(
            agent_territorial_roles.c.territory_id == territory_id
        )
        return set((await self.session.execute(query)).scalars())

    async def by_name(self, name: str) -> Territory | None:
        found = await self.find(territories.c.name == name, limit=1)
        return found[0] if found else None


class ServiceRepository(SqlRepository[Service]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, services, Service)

    async def all(self) -> list[Service]:
        return await self.find(order_by=[services.c.name])

    async def by_name(self, name: str) -> Service | None:
        found = await self.find(services.c.name == name, limit=1)
        return found[0] if found else None

    async def by_ids(self, ids: list[int]) -> list[Service]:
        return await self.find(services.c.id.in_(ids))


class OrganisationRepository(SqlRepository[Organisation]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, organisations, Organisation)

    async def in_territory(self, territory_id: int) -> list[Organisation]:
        return await self.find(organisations.c.territory_id == territory_id)

    async def by_ids(self, ids: list[int]) -> list[Organisation]:
        return await self.find(organisations.c.id.in_(ids))

    async def named(self, territory_id: int, name: str) -> Organisation | None:
        found = await self.find(organisations.c.territory_id == territory_id, organisations.c.name == name)
        return found[0] if found else None

    async def holdings(self, organisation_id: int) -> dict[str, int]:
        def count(table: Table) -> ScalarSelect[int]:
            return (
                select(func.count())
                .select_from(table)
                .where(table.c.organisation_id == organisation_id)
                .scalar_subquery()
            )

        query = select(
            count(agent_roles).label("agents"),
            count(motifs).label("motifs"),
            count(lieux).label("lieux"),
            count(user_profiles).label("usagers"),
            count(rdv_facts).label("rdvs"),
        )
        return dict((await self.session.execute(query)).mappings().one())

    async def territory_ids_of(self, organisation_ids: list[int]) -> set[int]:
        query = select(organisations.c.territory_id).where(organisations.c.id.in_(organisation_ids))
        return set((await self.session.execute(query)).scalars())
