"""The worker's Kafka subscriptions: RDV lifecycle, and the entity states we keep copies of."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from faststream.kafka import KafkaBroker
from rdv_chassis.messaging.broker import BrokerDeadLetters, subscribe
from rdv_chassis.messaging.inbox import DeadLetterSink, EventHandler, InboxProcessor
from rdv_chassis.runtime import Database, Subscription
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import EVENTS, TOPICS, topics_consumed_by
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.ics import IcsDocuments
from calendar_sync.adapters.unit_of_work import SqlStores
from calendar_sync.application.calendar_entries import Links
from calendar_sync.application.ports import Stores
from calendar_sync.application.record_entity_event import record_entity_event
from calendar_sync.application.record_rdv_event import record_rdv_event
from calendar_sync.application.record_user_merge import record_user_merge
from calendar_sync.config import CalendarSyncSettings
from calendar_sync.domain.retention import inbox_retention

RDV_TOPIC = "booking.rdv"
# Not in rdv_contracts' CONSUMES["calendar-sync"] yet (that table is directory's to change).
USER_MERGED_TOPIC = "directory.user.merged"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Consumer:
    name: str
    topics: list[str]
    handler: EventHandler

    def processor(
        self, settings: CalendarSyncSettings, database: Database, dead_letters: DeadLetterSink
    ) -> InboxProcessor:
        handlers = {
            spec.event_type: self.handler for spec in EVENTS.values() if spec.topic.name in self.topics
        }
        return InboxProcessor(
            self.name,
            database.sessions,
            database.inbox,
            handlers,
            dead_letters,
            max_attempts=settings.consumer_max_attempts,
            retry_delay=settings.consumer_retry_delay_seconds,
        )


def consumers(settings: CalendarSyncSettings, clock: Callable[[], datetime] = _now) -> list[Consumer]:
    links = Links(settings.public_base_url, settings.product_name)
    renderer = IcsDocuments()

    def stores(session: AsyncSession) -> Stores:
        return SqlStores(session)

    async def on_rdv(session: AsyncSession, envelope: EventEnvelope) -> None:
        await record_rdv_event(stores(session), envelope, renderer, links, clock())

    async def on_entity(session: AsyncSession, envelope: EventEnvelope) -> None:
        await record_entity_event(stores(session), envelope, clock())

    async def on_user_merged(session: AsyncSession, envelope: EventEnvelope) -> None:
        await record_user_merge(stores(session), envelope)

    entity_topics = [
        t.name for t in topics_consumed_by("calendar-sync") if t.compacted and t.name != RDV_TOPIC
    ]
    return [
        Consumer("calendar-sync.rdvs", [RDV_TOPIC], on_rdv),
        Consumer("calendar-sync.entities", entity_topics, on_entity),
        Consumer("calendar-sync.user_merges", [USER_MERGED_TOPIC], on_user_merged),
    ]


def inbox_retentions(settings: CalendarSyncSettings) -> dict[str, timedelta]:
    """How long each consumer's inbox remembers an event id; consumers of compacted topics are absent."""
    broker_default = timedelta(hours=settings.kafka_default_retention_hours)
    retentions = {
        consumer.name: inbox_retention([TOPICS[name] for name in consumer.topics], broker_default)
        for consumer in consumers(settings)
    }
    return {name: retention for name, retention in retentions.items() if retention is not None}


def subscriptions(settings: CalendarSyncSettings) -> list[Subscription]:
    def attach_all(broker: KafkaBroker, dead_letters: BrokerDeadLetters, database: Database) -> None:
        for consumer in consumers(settings):
            subscribe(broker, consumer.processor(settings, database, dead_letters), consumer.topics)

    return [attach_all]
