"""SQL side of the relay: claim unsent rows without blocking other relays, then mark them."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from rdv_chassis.messaging.records import OutgoingRecord

# SKIP LOCKED: a second relay takes the next rows instead of waiting for (or re-sending) these.
_CLAIM = text(
    """
    SELECT position, event_id, topic, key, event_type, value, headers
    FROM outbox WHERE sent_at IS NULL
    ORDER BY position LIMIT :limit
    FOR UPDATE SKIP LOCKED
    """
)

_EARLIER_UNSENT = text(
    """
    SELECT key, min(position) AS first_foreign FROM outbox
    WHERE sent_at IS NULL AND key = ANY(:keys) AND position < :max_position
      AND NOT (position = ANY(:mine))
    GROUP BY key
    """
)


@dataclass(frozen=True)
class ClaimedRow:
    position: int
    record: OutgoingRecord


async def claim(conn: AsyncConnection, limit: int) -> list[ClaimedRow]:
    rows = (await conn.execute(_CLAIM, {"limit": limit})).all()
    claimed = [
        ClaimedRow(
            row.position,
            OutgoingRecord(
                event_id=row.event_id
                if isinstance(row.event_id, uuid.UUID)
                else uuid.UUID(str(row.event_id)),
                topic=row.topic,
                key=row.key,
                event_type=row.event_type,
                value=bytes(row.value) if row.value is not None else None,
                headers=dict(row.headers),
            ),
        )
        for row in rows
    ]
    return await _keep_key_order(conn, claimed)


async def _keep_key_order(conn: AsyncConnection, claimed: list[ClaimedRow]) -> list[ClaimedRow]:
    """Drop rows that another relay holds an earlier event for: Kafka order follows the key."""
    if not claimed:
        return claimed
    params = {
        "keys": list({row.record.key for row in claimed}),
        "max_position": max(row.position for row in claimed),
        "mine": [row.position for row in claimed],
    }
    first_foreign = {
        row.key: row.first_foreign for row in (await conn.execute(_EARLIER_UNSENT, params)).all()
    }
    return [row for row in claimed if row.position < first_foreign.get(row.record.key, row.position + 1)]


async def mark_sent(conn: AsyncConnection, positions: Sequence[int]) -> None:
    if positions:
        await conn.execute(
            text("UPDATE outbox SET sent_at = now() WHERE position = ANY(:positions)"),
            {"positions": list(positions)},
        )


async def mark_failed(conn: AsyncConnection, positions: Sequence[int], error: str) -> None:
    if positions:
        await conn.execute(
            text(
                "UPDATE outbox SET attempts = attempts + 1, last_error = :error "
                "WHERE position = ANY(:positions)"
            ),
            {"positions": list(positions), "error": error[:2000]},
        )


async def purge_sent(conn: AsyncConnection, older_than_days: int) -> int:
    result = await conn.execute(
        text("DELETE FROM outbox WHERE sent_at < now() - make_interval(days => :days)"),
        {"days": older_than_days},
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def pending_count(conn: AsyncConnection) -> tuple[int, float]:
    """Number of unsent rows and the age in seconds of the oldest (the outbox lag)."""
    row = (
        await conn.execute(
            text(
                "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) "
                "FROM outbox WHERE sent_at IS NULL"
            )
        )
    ).one()
    return int(row[0]), float(row[1])
