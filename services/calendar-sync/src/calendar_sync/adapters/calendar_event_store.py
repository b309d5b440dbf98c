"""What we pushed to each agent's Outlook or CalDAV calendar, and what is left to push."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    and_,
    bindparam,
    delete,
    literal,
    select,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.rdv_store import organisations_of_territory
from calendar_sync.adapters.tables import calendar_connections, calendar_events, rdvs
from calendar_sync.application.records import ClaimedCalendarEvent

_TARGETS = union(
    select(calendar_connections.c.channel, calendar_connections.c.agent_id).where(
        calendar_connections.c.agent_id == bindparam("agent_ids", type_=ARRAY(BigInteger)).any_(),
        calendar_connections.c.status == "active",
    ),
    select(calendar_events.c.channel, calendar_events.c.agent_id).where(
        calendar_events.c.rdv_id == bindparam("rdv_id")
    ),
).subquery("targets")
_MARK_PENDING = (
    insert(calendar_events)
    .from_select(
        ["channel", "agent_id", "rdv_id", "rdv_uuid", "pending", "due_at"],
        select(
            _TARGETS.c.channel,
            _TARGETS.c.agent_id,
            bindparam("rdv_id", type_=BigInteger),
            bindparam("rdv_uuid", type_=UUID(as_uuid=True)),
            literal(True),
            bindparam("now", type_=DateTime(timezone=True)),
        ),
    )
    .on_conflict_do_update(
        index_elements=["channel", "agent_id", "rdv_id"],
        set_={
            "pending": True,
            "due_at": bindparam("now", type_=DateTime(timezone=True)),
            "attempts": 0,
            "generation": calendar_events.c.generation + 1,
        },
    )
)


class SqlCalendarEvents:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def mark_pending(
        self, rdv_id: int, rdv_uuid: uuid.UUID, agent_ids: Iterable[int], now: datetime
    ) -> None:
        """For every connected agent among `agent_ids`, and every agent who already has the event,
        in one statement."""
        await self._session.execute(
            _MARK_PENDING, {"rdv_id": rdv_id, "rdv_uuid": rdv_uuid, "agent_ids": list(agent_ids), "now": now}
        )

    async def mark_agent_pending(
        self, channel: str, agent_id: int, rdvs: Iterable[tuple[int, uuid.UUID]], now: datetime
    ) -> None:
        rows = [
            {
                "channel": channel,
                "agent_id": agent_id,
                "rdv_id": rdv_id,
                "rdv_uuid": rdv_uuid,
                "pending": True,
                "due_at": now,
            }
            for rdv_id, rdv_uuid in rdvs
        ]
        if rows:
            statement = insert(calendar_events).values(rows)
            await self._session.execute(
                statement.on_conflict_do_update(
                    index_elements=["channel", "agent_id", "rdv_id"], set_=_pending(now)
                )
            )
        await self._session.execute(
            update(calendar_events)
            .where(calendar_events.c.channel == channel, calendar_events.c.agent_id == agent_id)
            .values(**_pending(now))
        )

    async def mark_territory_pending(self, territory_id: int, now: datetime) -> None:
        """Every event pushed for an RDV of the territory's organisations."""
        of_territory = select(rdvs.c.id).where(
            rdvs.c.organisation_id.in_(organisations_of_territory(territory_id))
        )
        await self._session.execute(
            update(calendar_events).where(calendar_events.c.rdv_id.in_(of_territory)).values(**_pending(now))
        )

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[ClaimedCalendarEvent]:
        key = (calendar_events.c.channel, calendar_events.c.agent_id, calendar_events.c.rdv_id)
        due = (
            select(*key)
            .where(calendar_events.c.pending, calendar_events.c.due_at <= now)
            .order_by(calendar_events.c.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .cte("due")
        )
        claimed = await self._session.execute(
            update(calendar_events)
            .where(
                calendar_events.c.channel == due.c.channel,
                calendar_events.c.agent_id == due.c.agent_id,
                calendar_events.c.rdv_id == due.c.rdv_id,
            )
            .values(due_at=now + lease, attempts=calendar_events.c.attempts + 1)
            .returning(*calendar_events.c)
        )
        rows = list(claimed)
        connections = await self._connections({(row.agent_id, row.channel) for row in rows})
        result = []
        for row in rows:
            connection = connections.get((row.agent_id, row.channel))
            status, secrets = connection if connection else ("removed", b"")
            result.append(
                ClaimedCalendarEvent(
                    channel=row.channel,
                    agent_id=row.agent_id,
                    rdv_id=row.rdv_id,
                    rdv_uuid=row.rdv_uuid,
                    remote_id=row.remote_id,
                    remote_etag=row.remote_etag,
                    generation=row.generation,
                    attempts=row.attempts,
                    connection_status=status,
                    secrets_encrypted=secrets,
                )
            )
        return result

    async def pushed(self, event: ClaimedCalendarEvent, remote_id: str | None, etag: str | None) -> None:
        """Up to date, unless the RDV changed again meanwhile (then it stays pending)."""
        if remote_id is None:
            await self._session.execute(
                delete(calendar_events).where(_key(event), calendar_events.c.generation == event.generation)
            )
            await self._session.execute(
                update(calendar_events).where(_key(event)).values(remote_id=None, remote_etag=None)
            )
            return
        await self._session.execute(
            update(calendar_events)
            .where(_key(event))
            .values(remote_id=remote_id, remote_etag=etag, attempts=0, last_error=None)
        )
        await self._session.execute(
            update(calendar_events)
            .where(_key(event), calendar_events.c.generation == event.generation)
            .values(pending=False)
        )

    async def retry(self, event: ClaimedCalendarEvent, due_at: datetime, error: str) -> None:
        await self._session.execute(
            update(calendar_events).where(_key(event)).values(due_at=due_at, last_error=error[:1000])
        )

    async def remaining(self, channel: str, agent_id: int) -> int:
        rows = await self._session.execute(
            select(calendar_events.c.rdv_id).where(
                calendar_events.c.channel == channel, calendar_events.c.agent_id == agent_id
            )
        )
        return len(rows.all())

    async def _connections(self, keys: set[tuple[int, str]]) -> dict[tuple[int, str], tuple[str, bytes]]:
        if not keys:
            return {}
        rows = await self._session.execute(
            select(
                calendar_connections.c.agent_id,
                calendar_connections.c.channel,
                calendar_connections.c.status,
                calendar_connections.c.secrets_encrypted,
            ).where(calendar_connections.c.agent_id.in_({agent_id for agent_id, _ in keys}))
        )
        return {(row.agent_id, row.channel): (row.status, row.secrets_encrypted) for row in rows}


def _pending(now: datetime) -> dict[str, object]:
    return {
        "pending": True,
        "due_at": now,
        "attempts": 0,
        "generation": calendar_events.c.generation + 1,
    }


def _key(event: ClaimedCalendarEvent) -> ColumnElement[bool]:
    return and_(
        calendar_events.c.channel == event.channel,
        calendar_events.c.agent_id == event.agent_id,
        calendar_events.c.rdv_id == event.rdv_id,
    )
