"""The worker's subscription: booking's RDV lifecycle → the directory's RDV facts."""

from faststream.kafka import KafkaBroker
from rdv_chassis.messaging.broker import BrokerDeadLetters, subscribe
from rdv_chassis.messaging.inbox import InboxProcessor
from rdv_chassis.runtime import Database
from rdv_contracts.booking import RdvEvent
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.repositories.rdv_facts import RdvFactRepository
from directory.application.record_rdv_fact import fact_of, is_destroyed

CONSUMER = "directory.rdv_facts"
RDV_EVENTS = ("rdv.created", "rdv.updated", "rdv.status_changed", "rdv.cancelled", "rdv.destroyed")


async def record_rdv(session: AsyncSession, envelope: EventEnvelope) -> None:
    event = parse_payload(envelope, RdvEvent)
    facts = RdvFactRepository(session)
    if is_destroyed(event):
        await facts.forget(event.rdv.id)
    else:
        await facts.put(fact_of(event))


def rdv_facts_processor(database: Database, dead_letters: BrokerDeadLetters) -> InboxProcessor:
    return InboxProcessor(
        CONSUMER, database.sessions, database.inbox, dict.fromkeys(RDV_EVENTS, record_rdv), dead_letters
    )


def rdv_facts_subscription(broker: KafkaBroker, dead_letters: BrokerDeadLetters, database: Database) -> None:
    subscribe(broker, rdv_facts_processor(database, dead_letters), ["booking.rdv"])
