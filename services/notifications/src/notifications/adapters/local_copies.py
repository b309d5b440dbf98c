"""Reads of the local copies, for the use cases."""

from collections.abc import Iterable, Mapping
from typing import Any

from rdv_contracts.directory import (
    AccessLevel,
    LocationType,
    NotificationLevel,
    RdvNotificationLevel,
    VisibilityType,
)
from sqlalchemy import Select, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters import tables as t
from notifications.domain.copies import (
    AgentCopy,
    LieuCopy,
    MotifCopy,
    OrganisationCopy,
    ServiceCopy,
    TerritoryCopy,
    UserCopy,
)


class SqlLocalCopies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _one(self, table: Table, entity_id: int) -> dict[str, Any] | None:
        row = (await self._session.execute(select(table).where(table.c.id == entity_id))).mappings().first()
        return _without_version(row) if row else None

    async def deleted(self, entity: str, entity_id: int) -> bool:
        table = t.deleted_references
        found = await self._session.execute(
            select(table.c.id).where(table.c.entity == entity, table.c.id == entity_id)
        )
        return found.first() is not None

    async def territory(self, territory_id: int) -> TerritoryCopy | None:
        row = await self._one(t.territories, territory_id)
        return TerritoryCopy(**row) if row else None

    async def organisation(self, organisation_id: int) -> OrganisationCopy | None:
        row = await self._one(t.organisations, organisation_id)
        return OrganisationCopy(**row) if row else None

    async def service(self, service_id: int) -> ServiceCopy | None:
        row = await self._one(t.services, service_id)
        return ServiceCopy(**row) if row else None

    async def motif(self, motif_id: int) -> MotifCopy | None:
        row = await self._one(t.motifs, motif_id)
        if row is None:
            return None
        row["location_type"] = LocationType(row["location_type"])
        row["visibility_type"] = VisibilityType(row["visibility_type"])
        return MotifCopy(**row)

    async def lieu(self, lieu_id: int) -> LieuCopy | None:
        row = await self._one(t.lieux, lieu_id)
        return LieuCopy(**row) if row else None

    async def users(self, user_ids: Iterable[int]) -> dict[int, UserCopy]:
        found = await self._users(set(user_ids))
        responsibles = {u.responsible_id for u in found.values() if u.responsible_id} - found.keys()
        return found | (await self._users(responsibles) if responsibles else {})

    async def _users(self, ids: set[int]) -> dict[int, UserCopy]:
        rows = (await self._session.execute(select(t.users).where(t.users.c.id.in_(ids)))).mappings()
        return {row["id"]: UserCopy(**_without_version(row)) for row in rows}

    async def agents(self, agent_ids: Iterable[int]) -> dict[int, AgentCopy]:
        return await self._agents(select(t.agents).where(t.agents.c.id.in_(set(agent_ids))))

    async def organisation_admins(self, organisation_id: int) -> list[AgentCopy]:
        roles = t.agent_roles
        admin_ids = select(roles.c.agent_id).where(
            roles.c.organisation_id == organisation_id, roles.c.access_level == AccessLevel.ADMIN.value
        )
        query = select(t.agents).where(t.agents.c.id.in_(admin_ids)).order_by(t.agents.c.id)
        return list((await self._agents(query)).values())

    async def _agents(self, query: Select[Any]) -> dict[int, AgentCopy]:
        agents = {}
        for row in (await self._session.execute(query)).mappings():
            agents[row["id"]] = AgentCopy(
                **{
                    **_without_version(row),
                    "rdv_notifications_level": RdvNotificationLevel(row["rdv_notifications_level"]),
                    "plage_ouverture_notification_level": NotificationLevel(
                        row["plage_ouverture_notification_level"]
                    ),
                    "absence_notification_level": NotificationLevel(row["absence_notification_level"]),
                }
            )
        return agents


def _without_version(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "version"}
