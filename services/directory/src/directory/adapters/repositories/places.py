from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.tables import lieux, motif_categories, motifs
from directory.domain.places import Lieu, Motif, MotifFilters

from .base import SqlRepository


class LieuRepository(SqlRepository[Lieu]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, lieux, Lieu)

    async def in_organisation(self, organisation_id: int, offset: int, limit: int) -> tuple[list[Lieu], int]:
        where = [lieux.c.organisation_id == organisation_id]
        found = await self.find(*where, order_by=[lieux.c.name, lieux.c.id], offset=offset, limit=limit)
        return found, await self.count(*where)


class MotifRepository(SqlRepository[Motif]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, motifs, Motif)

    async def in_organisation(
        self, organisation_id: int, filters: MotifFilters, offset: int, limit: int
    ) -> tuple[list[Motif], int]:
        where = [motifs.c.organisation_id == organisation_id]
        if filters.active is not None:
            where.append(
                motifs.c.deleted_at.is_(None) if filters.active else motifs.c.deleted_at.is_not(None)
            )
        if filters.service_id is not None:
            where.append(motifs.c.service_id == filters.service_id)
        if filters.motif_category_short_name is not None:
            of_category = select(motif_categories.c.id).where(
                motif_categories.c.short_name == filters.motif_category_short_name
            )
            where.append(motifs.c.motif_category_id.in_(of_category))
        found = await self.find(*where, order_by=[motifs.c.name, motifs.c.id], offset=offset, limit=limit)
        return found, await self.count(*where)

    async def by_ids(self, ids: list[int]) -> list[Motif]:
        return await self.find(motifs.c.id.in_(ids))

    async def of_category(self, category_id: int) -> list[Motif]:
        return await self.find(motifs.c.motif_category_id == category_id)

    async def live_named(self, motif: Motif) -> Motif | None:
        found = await self.find(
            motifs.c.organisation_id == motif.organisation_id,
            motifs.c.location_type == motif.location_type,
            motifs.c.service_id == motif.service_id,
            motifs.c.name == motif.name,
            motifs.c.deleted_at.is_(None),
        )
        return next((m for m in found if m.id != motif.id), None)
