from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.tables import motif_categories, motifs
from directory.domain.motif_categories import MotifCategory

from .base import SqlRepository


class MotifCategoryRepository(SqlRepository[MotifCategory]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, motif_categories, MotifCategory)

    async def in_territory(
        self, territory_id: int, offset: int, limit: int
    ) -> tuple[list[MotifCategory], int]:
        where = [motif_categories.c.territory_id == territory_id]
        order = [motif_categories.c.name, motif_categories.c.id]
        found = await self.find(*where, order_by=order, offset=offset, limit=limit)
        return found, await self.count(*where)

    async def clashing(self, category: MotifCategory) -> MotifCategory | None:
        found = await self.find(
            motif_categories.c.territory_id == category.territory_id,
            motif_categories.c.id != category.id,
            (motif_categories.c.short_name == category.short_name)
            | (func.lower(motif_categories.c.name) == category.name.lower()),
        )
        return found[0] if found else None

    async def by_ids(self, ids: list[int]) -> list[MotifCategory]:
        return await self.find(motif_categories.c.id.in_(ids)) if ids else []

    async def motif_count(self, category_id: int) -> int:
        query = select(func.count()).where(motifs.c.motif_category_id == category_id)
        return int((await self.session.execute(query)).scalar_one())
