"""The in-memory catalog of each process, reloaded when the database's catalog version moves.

Every request reads one integer; a reload happens only after a plage, absence or directory change.
Plages and absences whose version did not change keep their objects, hence their cached expansions.
The catalog is acyclic: an old one is freed by reference counting once no request holds it.
"""

import asyncio
import gc
from typing import Any

from rdv_contracts.directory import BookableBy, LocationType
from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from availability.adapters import tables
from availability.adapters.agenda_repositories import absence_from_row, plage_from_row
from availability.adapters.autocommit import autocommit
from availability.adapters.search_pool import SearchPool
from availability.domain.catalog import (
    Absence,
    Agent,
    Catalog,
    Lieu,
    Motif,
    Organisation,
    Plage,
    Service,
    Territory,
)
from availability.domain.closed_days import HolidayCalendar
from availability.domain.schedule import DailySpan, DayExpander


class CatalogCache:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        holidays: HolidayCalendar,
        expander: DayExpander,
        search_pool: SearchPool | None = None,
    ) -> None:
        self._sessions = sessions
        self._search_pool = search_pool
        self._catalog = Catalog(holidays, expander, version=-1)
        self._lock = asyncio.Lock()

    async def _version(self) -> int:
        if self._search_pool is not None:
            return int(await self._search_pool.fetchval("SELECT version FROM catalog_version"))
        async with autocommit(self._sessions) as connection:
            return int((await connection.execute(select(tables.catalog_version.c.version))).scalar_one())

    async def current(self) -> Catalog:
        version = await self._version()
        if version == self._catalog.version:
            return self._catalog
        async with self._lock:
            if version != self._catalog.version:
                # The version is read before the data: a reload sees at least that version's data.
                async with self._sessions() as session:
                    self._catalog = await self._load(session, version)
                _settle()
        return self._catalog

    async def _load(self, session: AsyncSession, version: int) -> Catalog:
        old = self._catalog
        catalog = Catalog(old.holidays, old.expander, version=version)
        catalog.territories = {
            r.id: Territory(**_fields(r, Territory)) for r in await _rows(session, tables.territories)
        }
        catalog.organisations = {
            r.id: Organisation(**_fields(r, Organisation)) for r in await _rows(session, tables.organisations)
        }
        catalog.services = {
            r.id: Service(**_fields(r, Service)) for r in await _rows(session, tables.services)
        }
        catalog.agents = {
            r.id: Agent(
                r.id,
                r.last_name,
                r.first_name,
                frozenset(r.service_ids),
                frozenset(r.organisation_ids),
                r.active,
            )
            for r in await _rows(session, tables.agents)
        }
        catalog.lieux = {r.id: Lieu(**_fields(r, Lieu)) for r in await _rows(session, tables.lieux)}
        catalog.motifs = {
            r.id: Motif(
                **_fields(r, Motif),
                location_type=LocationType(r.location_type),
                bookable_by=BookableBy(r.bookable_by),
            )
            for r in await _rows(session, tables.motifs)
        }
        catalog.plages = {r.id: self._plage(r, old) for r in await _rows(session, tables.plages_ouverture)}
        catalog.absences = {r.id: self._absence(r, old) for r in await _rows(session, tables.absences)}
        catalog.reindex()
        return catalog

    def _plage(self, row: Any, old: Catalog) -> Plage:
        kept = old.plages.get(row.id)
        if kept is not None and kept.version == row.version:
            return kept
        record = plage_from_row(row)
        fields = record.fields
        span = self._span(record.fields, record.rrule, record.time_zone)
        return Plage(
            id=row.id,
            agent_id=fields.agent_id,
            organisation_id=fields.organisation_id,
            lieu_id=fields.lieu_id,
            motif_ids=fields.motif_ids,
            title=fields.title,
            span=span,
            created_at=row.created_at,
            version=row.version,
        )

    def _absence(self, row: Any, old: Catalog) -> Absence:
        kept = old.absences.get(row.id)
        if kept is not None and kept.version == row.version:
            return kept
        record = absence_from_row(row)
        span = self._span(record.fields, record.rrule, record.time_zone, record.fields.end_day)
        return Absence(row.id, record.fields.agent_id, record.fields.title, span, row.version)

    def _span(self, fields: Any, rrule: str | None, time_zone: str, end_day: Any = None) -> DailySpan:
        until = fields.recurrence.until if fields.recurrence else None
        expander = self._catalog.expander
        return DailySpan(
            fields.first_day, fields.start_time, fields.end_time, time_zone, expander, rrule, until, end_day
        )


def _settle() -> None:
    """Keeps the catalog (and everything older) out of the cyclic collector's generations.

    Searches allocate thousands of short-lived slots, which trigger collections; full ones would rescan
    every long-lived object of the process each time. Garbage is collected first so none is frozen.
    """
    gc.collect()
    gc.freeze()


async def _rows(session: AsyncSession, table: Table) -> list[Any]:
    return list(await session.execute(select(table)))


def _fields(row: Any, cls: type) -> dict[str, Any]:
    names = cls.__dataclass_fields__  # type: ignore[attr-defined]
    special = {"location_type", "bookable_by"}
    return {name: getattr(row, name) for name in names if name not in special and name in row._fields}
