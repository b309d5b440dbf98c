"""Local copies of the RDVs (full snapshots from booking) with their rendered VEVENT."""

from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, case, exists, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import entity_copies, rdvs
from calendar_sync.application.records import FeedRow, SavedRdv

State = dict[str, Any]


def organisations_of_territory(territory_id: int) -> Select[tuple[int]]:
    """The organisations our copies place in the territory."""
    return select(entity_copies.c.id).where(
        entity_copies.c.model == "organisation",
        entity_copies.c.data["territory_id"].as_integer() == territory_id,
    )


class SqlRdvs:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, snapshot: State, vevent: bytes | None) -> SavedRdv:
        """Saves a newer version in one round trip, reading the agents the copy had before."""
        values = {
            "id": snapshot["id"],
            "uuid": snapshot["uuid"],
            "organisation_id": snapshot["organisation_id"],
            "agent_ids": snapshot["agent_ids"],
            "motif_id": snapshot["motif_id"],
            "lieu_id": snapshot.get("lieu_id"),
            "starts_at": datetime.fromisoformat(snapshot["starts_at"]),
            "version": snapshot["version"],
            "snapshot": snapshot,
            "vevent": vevent,
        }
        statement = insert(rdvs).values(**values)
        saved = (
            statement.on_conflict_do_update(
                index_elements=["id"],
                set_={name: statement.excluded[name] for name in values if name != "id"},
                where=rdvs.c.version < statement.excluded.version,
            )
            .returning(rdvs.c.id)
            .cte("saved")
        )
        # Every part of one statement sees the table as it was before it: `previous` is the old copy.
        previous = select(rdvs.c.agent_ids).where(rdvs.c.id == snapshot["id"]).scalar_subquery()
        row = (await self._session.execute(select(exists(select(saved.c.id)), previous))).one()
        return SavedRdv(saved=bool(row[0]), previous_agent_ids=list(row[1] or []))

    async def get(self, rdv_id: int) -> State | None:
        row = await self._session.execute(select(rdvs.c.snapshot).where(rdvs.c.id == rdv_id))
        snapshot: State | None = row.scalar_one_or_none()
        return snapshot

    async def with_participant(self, user_id: int) -> list[State]:
        """Read in full (no index): merges are rare."""
        rows = await self._session.execute(
            select(rdvs.c.snapshot)
            .where(rdvs.c.snapshot.contains({"participations": [{"user_id": user_id}]}))
            .order_by(rdvs.c.id)
            .with_for_update()
        )
        return list(rows.scalars())

    async def replace_snapshot(self, snapshot: State) -> None:
        """Same version: what the snapshot shows of usagers is not in the VEVENT, which stays."""
        await self._session.execute(update(rdvs).where(rdvs.c.id == snapshot["id"]).values(snapshot=snapshot))

    async def delete(self, rdv_id: int) -> list[int]:
        """The agents the deleted copy had (none when there was no copy)."""
        rows = await self._session.execute(
            rdvs.delete().where(rdvs.c.id == rdv_id).returning(rdvs.c.agent_ids)
        )
        found = rows.scalar_one_or_none()
        return list(found or [])

    async def of_agent_since(self, agent_id: int, since: datetime) -> list[tuple[State, bytes | None]]:
        rows = await self._session.execute(
            select(rdvs.c.snapshot, rdvs.c.vevent)
            .where(rdvs.c.agent_ids.contains([agent_id]), rdvs.c.starts_at >= since)
            .order_by(rdvs.c.starts_at.desc(), rdvs.c.id)
        )
        return [(snapshot, vevent) for snapshot, vevent in rows]

    async def feed_rows(self, agent_id: int, since: datetime) -> list[FeedRow]:
        """The agent's RDVs for a feed; the snapshot is read only where the VEVENT must be rendered."""
        rows = await self._session.execute(
            select(
                rdvs.c.id,
                rdvs.c.version,
                rdvs.c.organisation_id,
                rdvs.c.vevent,
                case((rdvs.c.vevent.is_(None), rdvs.c.snapshot), else_=None).label("snapshot"),
            )
            .where(rdvs.c.agent_ids.contains([agent_id]), rdvs.c.starts_at >= since)
            .order_by(rdvs.c.starts_at.desc(), rdvs.c.id)
        )
        return [FeedRow(*row) for row in rows]

    async def store_vevents(self, rendered: list[tuple[int, int, bytes]]) -> None:
        """(id, version, vevent) of freshly rendered VEVENTs; a newer version meanwhile keeps its own."""
        if rendered:
            await self._session.execute(
                update(rdvs)
                .where(rdvs.c.id == bindparam("rdv_id"), rdvs.c.version == bindparam("rdv_version"))
                .values(vevent=bindparam("rendered")),
                [{"rdv_id": i, "rdv_version": v, "rendered": e} for i, v, e in rendered],
            )

    async def of_organisation(self, organisation_id: int) -> list[State]:
        rows = await self._session.execute(
            select(rdvs.c.snapshot).where(rdvs.c.organisation_id == organisation_id).order_by(rdvs.c.id)
        )
        return list(rows.scalars())

    async def forget_vevents(self, *, motif_id: int | None = None, lieu_id: int | None = None) -> None:
        """A motif or lieu changed: the VEVENTs that show it are rendered again when next needed."""
        column, value = (rdvs.c.motif_id, motif_id) if motif_id is not None else (rdvs.c.lieu_id, lieu_id)
        await self._session.execute(update(rdvs).where(column == value).values(vevent=None))

    async def forget_vevents_of_territory(self, territory_id: int) -> None:
        await self._session.execute(
            update(rdvs)
            .where(rdvs.c.organisation_id.in_(organisations_of_territory(territory_id)))
            .values(vevent=None)
        )

    async def forget_all_vevents_of_organisation(self, organisation_id: int) -> None:
        await self._session.execute(
            update(rdvs).where(rdvs.c.organisation_id == organisation_id).values(vevent=None)
        )
