"""Local copies of the directory's entities: read by the use cases, written by the subscribers."""

from typing import Any, TypeVar

from pydantic import BaseModel
from rdv_contracts.directory import Agent, Lieu, Motif, Organisation, Service, Territory, User
from sqlalchemy import Integer, Table, bindparam, delete, exists, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.tables import (
    local_agent_roles,
    local_agents,
    local_lieux,
    local_motifs,
    local_organisations,
    local_referent_assignations,
    local_services,
    local_territories,
    local_user_profiles,
    local_users,
)
from booking.application.ports import MotifContext

M = TypeVar("M", bound=BaseModel)


def _data_of(table: Table, key: Any) -> Any:
    return select(table.c.data).where(table.c.id == key).scalar_subquery()


_territory_of_motif = (
    select(local_organisations.c.territory_id)
    .where(local_organisations.c.id == local_motifs.c.organisation_id)
    .correlate(local_motifs)
    .scalar_subquery()
)
# One round trip on the booking path; built once, so SQLAlchemy caches its compiled form.
_MOTIF_CONTEXT = select(
    local_motifs.c.data,
    _data_of(local_services, local_motifs.c.service_id),
    _data_of(local_organisations, local_motifs.c.organisation_id),
    _data_of(local_territories, _territory_of_motif),
    _data_of(local_lieux, bindparam("lieu_id")),
).where(local_motifs.c.id == bindparam("motif_id"))


class SqlDirectoryCopies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def motif(self, motif_id: int) -> Motif | None:
        return await self._one(local_motifs, motif_id, Motif)

    async def lieu(self, lieu_id: int) -> Lieu | None:
        return await self._one(local_lieux, lieu_id, Lieu)

    async def agent(self, agent_id: int) -> Agent | None:
        return await self._one(local_agents, agent_id, Agent)

    async def user(self, user_id: int) -> User | None:
        return await self._one(local_users, user_id, User)

    async def relatives(self, user_id: int) -> list[User]:
        query = select(local_users.c.data).where(local_users.c.responsible_id == user_id)
        return [User.model_validate(data) for data in (await self._session.execute(query)).scalars()]

    async def organisation(self, organisation_id: int) -> Organisation | None:
        return await self._one(local_organisations, organisation_id, Organisation)

    async def territory(self, territory_id: int) -> Territory | None:
        return await self._one(local_territories, territory_id, Territory)

    async def service(self, service_id: int) -> Service | None:
        return await self._one(local_services, service_id, Service)

    async def has_role(self, agent_id: int, organisation_id: int) -> bool:
        roles = local_agent_roles.c
        query = select(exists().where(roles.agent_id == agent_id, roles.organisation_id == organisation_id))
        return bool((await self._session.execute(query)).scalar())

    async def has_profile(self, user_id: int, organisation_id: int) -> bool:
        profiles = local_user_profiles.c
        query = select(
            exists().where(profiles.user_id == user_id, profiles.organisation_id == organisation_id)
        )
        return bool((await self._session.execute(query)).scalar())

    async def referent_ids(self, user_id: int) -> list[int]:
        query = select(local_referent_assignations.c.agent_id).where(
            local_referent_assignations.c.user_id == user_id
        )
        return sorted(int(a) for a in (await self._session.execute(query)).scalars())

    async def motif_context(self, motif_id: int, lieu_id: int | None) -> MotifContext | None:
        params = {"motif_id": motif_id, "lieu_id": lieu_id}
        row = (await self._session.execute(_MOTIF_CONTEXT, params)).first()
        if row is None:
            return None
        motif, service, organisation, territory, lieu = row
        return MotifContext(
            Motif.model_validate(motif, extra="ignore"),
            _model(Service, service),
            _model(Organisation, organisation),
            _model(Territory, territory),
            _model(Lieu, lieu),
        )

    async def _one(self, table: Table, entity_id: int, model: type[M]) -> M | None:
        data = (await self._session.execute(select(table.c.data).where(table.c.id == entity_id))).scalar()
        return None if data is None else model.model_validate(data, extra="ignore")


def _model(model: type[M], data: object) -> M | None:
    return None if data is None else model.model_validate(data, extra="ignore")


async def upsert_copy(session: AsyncSession, table: Table, entity: BaseModel) -> None:
    """Keeps the newest state: one with a lower `version` than the stored one is a late replay.
    States without a version (profiles, assignations) travel keyed by id, so the last one wins."""
    data: dict[str, Any] = entity.model_dump(mode="json")
    values = {"id": data["id"], "data": data} | {
        column.name: data.get(column.name) for column in table.columns if column.name not in ("id", "data")
    }
    statement = insert(table).values(values)
    newer = None
    if "version" in data:
        stored, incoming = table.c.data["version"].astext, statement.excluded.data["version"].astext
        newer = stored.cast(Integer) <= incoming.cast(Integer)
    await session.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values, where=newer))


async def delete_copy(session: AsyncSession, table: Table, entity_id: int) -> None:
    await session.execute(delete(table).where(table.c.id == entity_id))


async def copy_exists(session: AsyncSession, table: Table, entity_id: int) -> bool:
    return bool((await session.execute(select(exists().where(table.c.id == entity_id)))).scalar())
