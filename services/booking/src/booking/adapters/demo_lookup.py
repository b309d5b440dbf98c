"""What the demo data CLI reads: directory entities found in the local copies by their natural keys
(e-mail, name), since it knows the directory's demo people and places by these, not by ids; and
whether its RDVs are there already."""

from rdv_contracts.directory import Agent, Lieu, Motif, Organisation, User
from sqlalchemy import Table, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.tables import (
    local_agents,
    local_lieux,
    local_motifs,
    local_organisations,
    local_users,
    rdvs,
)


class SqlDemoLookup:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def organisation_named(self, name: str) -> Organisation | None:
        data = await self._first(local_organisations, "name", name)
        return None if data is None else Organisation.model_validate(data, extra="ignore")

    async def agent_with_email(self, email: str) -> Agent | None:
        data = await self._first(local_agents, "email", email)
        return None if data is None else Agent.model_validate(data, extra="ignore")

    async def user_with_email(self, email: str) -> User | None:
        data = await self._first(local_users, "email", email)
        return None if data is None else User.model_validate(data, extra="ignore")

    async def motif_named(self, organisation_id: int, name: str) -> Motif | None:
        data = await self._first(local_motifs, "name", name, organisation_id)
        return None if data is None else Motif.model_validate(data, extra="ignore")

    async def lieu_named(self, organisation_id: int, name: str) -> Lieu | None:
        data = await self._first(local_lieux, "name", name, organisation_id)
        return None if data is None else Lieu.model_validate(data, extra="ignore")

    async def rdvs_with_context(self, context: str) -> bool:
        return bool((await self._session.execute(select(exists().where(rdvs.c.context == context)))).scalar())

    async def _first(self, table: Table, key: str, value: str, organisation_id: int | None = None) -> object:
        query = select(table.c.data).where(table.c.data[key].astext == value).order_by(table.c.id).limit(1)
        if organisation_id is not None:
            query = query.where(table.c.organisation_id == organisation_id)
        return (await self._session.execute(query)).scalar()
