"""Local copies of directory entities and of RDVs, written by the worker's subscribers."""

from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from availability.adapters import tables
from availability.application.when_rdv_changes_update_busy_times import RdvState

_TABLES: dict[str, Table] = {
    "territories": tables.territories,
    "organisations": tables.organisations,
    "services": tables.services,
    "agents": tables.agents,
    "lieux": tables.lieux,
    "motifs": tables.motifs,
    "referent_assignations": tables.referent_assignations,
    "teams": tables.teams,
}


async def bump_catalog_version(session: AsyncSession) -> None:
    await session.execute(
        update(tables.catalog_version)
        .where(tables.catalog_version.c.id == 1)
        .values(version=tables.catalog_version.c.version + 1)
    )


class SqlCopies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert(self, kind: str, row: dict[str, Any], source_at: datetime) -> bool:
        table = _TABLES[kind]
        values = {**row, "source_at": source_at}
        statement = pg_insert(table).values(values)
        upsert = statement.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={name: statement.excluded[name] for name in values if name != "id"},
            where=table.c.source_at <= statement.excluded.source_at,
        ).returning(table.c.id)
        return (await self._session.execute(upsert)).first() is not None

    async def delete(self, kind: str, entity_id: int) -> None:
        table = _TABLES[kind]
        await self._session.execute(delete(table).where(table.c.id == entity_id))

    async def bump_catalog(self) -> None:
        await bump_catalog_version(self._session)


class SqlRdvCopies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, state: RdvState) -> bool:
        rdv = state.snapshot
        rdvs = tables.rdvs
        current = (await self._session.execute(select(rdvs.c.version).where(rdvs.c.id == rdv.id))).scalar()
        if current is not None and current >= rdv.version:
            return False
        row = {
            "version": rdv.version,
            "organisation_id": rdv.organisation_id,
            "motif_id": rdv.motif_id,
            "lieu_id": rdv.lieu_id,
            "starts_at": rdv.starts_at,
            "ends_at": rdv.ends_at,
            "status": "destroyed" if state.forgotten else rdv.status.value,
            "collectif": rdv.collectif,
            "max_participants_count": rdv.max_participants_count,
            "users_count": rdv.users_count,
            "agent_ids": rdv.agent_ids,
        }
        if current is None:
            await self._session.execute(insert(rdvs).values(id=rdv.id, **row))
        else:
            await self._session.execute(update(rdvs).where(rdvs.c.id == rdv.id).values(**row))
        await self._session.execute(delete(tables.rdv_busy).where(tables.rdv_busy.c.rdv_id == rdv.id))
        if state.blocks_agents:
            during = Range(rdv.starts_at, rdv.ends_at, bounds="[)")
            await self._session.execute(
                insert(tables.rdv_busy),
                [
                    {"rdv_id": rdv.id, "agent_id": agent_id, "during": during}
                    for agent_id in set(rdv.agent_ids)
                ],
            )
        return True
