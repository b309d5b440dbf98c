from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.auth_tables import rdv_facts
from directory.domain.memberships import RdvFact


class RdvFactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def put(self, fact: RdvFact) -> None:
        """Keeps the newest version: replays and late duplicates change nothing."""
        values = {**fact.__dict__, "agent_ids": list(fact.agent_ids), "user_ids": list(fact.user_ids)}
        statement = insert(rdv_facts).values(values)
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[rdv_facts.c.rdv_id],
                set_={k: statement.excluded[k] for k in values if k != "rdv_id"},
                where=rdv_facts.c.version < statement.excluded.version,
            )
        )

    async def forget(self, rdv_id: int) -> None:
        await self.session.execute(rdv_facts.delete().where(rdv_facts.c.rdv_id == rdv_id))

    async def upcoming_for_agent(
        self, agent_id: int, organisation_id: int | None, now: datetime
    ) -> list[RdvFact]:
        where = [
            rdv_facts.c.agent_ids.any_() == agent_id,
            rdv_facts.c.starts_at > now,
            ~rdv_facts.c.cancelled,
        ]
        if organisation_id is not None:
            where.append(rdv_facts.c.organisation_id == organisation_id)
        return await self._facts(*where)

    async def upcoming_for_users(
        self, user_ids: list[int], organisation_id: int, now: datetime
    ) -> list[RdvFact]:
        return await self._facts(
            rdv_facts.c.user_ids.overlap(user_ids),
            rdv_facts.c.organisation_id == organisation_id,
            rdv_facts.c.starts_at > now,
            ~rdv_facts.c.cancelled,
        )

    async def motif_used(self, motif_id: int) -> bool:
        query = select(exists().where(rdv_facts.c.motif_id == motif_id))
        return bool((await self.session.execute(query)).scalar())

    async def _facts(self, *where: object) -> list[RdvFact]:
        query = select(rdv_facts).where(*where).order_by(rdv_facts.c.starts_at)  # type: ignore[arg-type]
        rows = (await self.session.execute(query)).mappings()
        return [
            RdvFact(**{**row, "agent_ids": tuple(row["agent_ids"]), "user_ids": tuple(row["user_ids"])})
            for row in rows
        ]
