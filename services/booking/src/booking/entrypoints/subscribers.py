"""The worker's subscriptions: local copies of the directory entities booking reads, and usager merges."""

from collections.abc import Callable
from datetime import UTC, datetime

from faststream.kafka import KafkaBroker
from pydantic import BaseModel
from rdv_chassis.messaging.broker import BrokerDeadLetters, subscribe
from rdv_chassis.messaging.inbox import EventHandler, InboxProcessor, NotYetAvailable
from rdv_chassis.runtime import Database
from rdv_contracts import directory as dr
from rdv_contracts.base import EntityDeleted
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters import tables
from booking.adapters.directory_copies import copy_exists, delete_copy, upsert_copy
from booking.adapters.unit_of_work import InboxUnitOfWork
from booking.application.move_merged_participations import (
    MoveMergedParticipations,
    move_merged_participations,
)

CONSUMER = "booking.directory_copies"
MERGES = "booking.user_merges"

COPIES: dict[str, Table] = {
    "territory": tables.local_territories,
    "organisation": tables.local_organisations,
    "service": tables.local_services,
    "agent": tables.local_agents,
    "agent_role": tables.local_agent_roles,
    "user": tables.local_users,
    "user_profile": tables.local_user_profiles,
    "referent_assignation": tables.local_referent_assignations,
    "lieu": tables.local_lieux,
    "motif": tables.local_motifs,
}

_REFERENCES: dict[str, dict[str, Table]] = {
    "agent_role": {"agent_id": tables.local_agents},
    "user_profile": {"user_id": tables.local_users},
    "referent_assignation": {"user_id": tables.local_users, "agent_id": tables.local_agents},
}
"""Links between entities arrive on their own topics, possibly before what they link."""


def _keep(table: Table, references: dict[str, Table]) -> EventHandler:
    async def handler(session: AsyncSession, envelope: EventEnvelope) -> None:
        entity = parse_payload(envelope)
        await _require(session, entity, references)
        await upsert_copy(session, table, entity)

    return handler


async def _require(session: AsyncSession, entity: BaseModel, references: dict[str, Table]) -> None:
    for field, table in references.items():
        entity_id = getattr(entity, field)
        if not await copy_exists(session, table, entity_id):
            raise NotYetAvailable(f"{table.name} {entity_id} not received yet")


def _drop(table: Table) -> EventHandler:
    async def handler(session: AsyncSession, envelope: EventEnvelope) -> None:
        await delete_copy(session, table, parse_payload(envelope, EntityDeleted).id)

    return handler


def copy_handlers() -> dict[str, EventHandler]:
    handlers: dict[str, EventHandler] = {}
    for entity, table in COPIES.items():
        handlers[f"{entity}.created"] = _keep(table, _REFERENCES.get(entity, {}))
        handlers[f"{entity}.updated"] = _keep(table, _REFERENCES.get(entity, {}))
        handlers[f"{entity}.deleted"] = _drop(table)
    return handlers


def merge_handler(database: Database, clock: Callable[[], datetime]) -> EventHandler:
    async def handler(session: AsyncSession, envelope: EventEnvelope) -> None:
        merge = parse_payload(envelope, dr.UserMerged)
        if not await copy_exists(session, tables.local_users, merge.user_id):
            raise NotYetAvailable(f"user {merge.user_id} not received yet")
        command = MoveMergedParticipations(merge.user_id, merge.merged_user_id)
        unit = InboxUnitOfWork(session, database.outbox, database.producer)
        await move_merged_participations(lambda: unit, clock, command)

    return handler


def directory_copies(broker: KafkaBroker, dead_letters: BrokerDeadLetters, database: Database) -> None:
    # Tombstones follow `*.deleted` events, which already removed the copy.
    processor = InboxProcessor(CONSUMER, database.sessions, database.inbox, copy_handlers(), dead_letters)
    subscribe(broker, processor, [f"directory.{entity}" for entity in COPIES])


def user_merges(broker: KafkaBroker, dead_letters: BrokerDeadLetters, database: Database) -> None:
    handlers = {"user.merged": merge_handler(database, lambda: datetime.now(UTC))}
    processor = InboxProcessor(MERGES, database.sessions, database.inbox, handlers, dead_letters)
    subscribe(broker, processor, ["directory.user.merged"])
