"""The worker's subscriptions: local copies of the directory entities booking reads."""

from faststream.kafka import KafkaBroker
from rdv_chassis.messaging.broker import BrokerDeadLetters, subscribe
from rdv_chassis.messaging.inbox import EventHandler, InboxProcessor
from rdv_chassis.runtime import Database
from rdv_contracts.base import EntityDeleted
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters import tables
from booking.adapters.directory_copies import delete_copy, upsert_copy

CONSUMER = "booking.directory_copies"

COPIES: dict[str, Table] = {
    "territory": tables.local_territories,
    "organisation": tables.local_organisations,
    "agent": tables.local_agents,
    "user": tables.local_users,
    "lieu": tables.local_lieux,
    "motif": tables.local_motifs,
}


def _keep(table: Table) -> EventHandler:
    async def handler(session: AsyncSession, envelope: EventEnvelope) -> None:
        await upsert_copy(session, table, parse_payload(envelope))

    return handler


def _drop(table: Table) -> EventHandler:
    async def handler(session: AsyncSession, envelope: EventEnvelope) -> None:
        await delete_copy(session, table, parse_payload(envelope, EntityDeleted).id)

    return handler


def copy_handlers() -> dict[str, EventHandler]:
    handlers: dict[str, EventHandler] = {}
    for entity, table in COPIES.items():
        handlers[f"{entity}.created"] = _keep(table)
        handlers[f"{entity}.updated"] = _keep(table)
        handlers[f"{entity}.deleted"] = _drop(table)
    return handlers


def directory_copies(broker: KafkaBroker, dead_letters: BrokerDeadLetters, database: Database) -> None:
    # Tombstones follow `*.deleted` events, which already removed the copy.
    processor = InboxProcessor(CONSUMER, database.sessions, database.inbox, copy_handlers(), dead_letters)
    subscribe(broker, processor, [f"directory.{entity}" for entity in COPIES])
