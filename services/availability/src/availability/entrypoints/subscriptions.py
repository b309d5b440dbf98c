"""The worker's subscribers: local copies of directory entities and of every agent's busy time."""

from collections.abc import Callable

from faststream.kafka import KafkaBroker
from rdv_chassis.messaging.broker import BrokerDeadLetters, subscribe
from rdv_chassis.messaging.inbox import EventHandler, InboxProcessor
from rdv_chassis.runtime import Database, Subscription
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import EVENTS
from sqlalchemy.ext.asyncio import AsyncSession

from availability.adapters.copies import SqlCopies, SqlRdvCopies
from availability.application.when_directory_changes_update_copies import (
    KIND_OF_TOPIC,
    forget_copy,
    update_copy,
)
from availability.application.when_rdv_changes_update_busy_times import update_busy_times
from availability.config import AvailabilitySettings


def _event_types(topic: str) -> list[str]:
    return [spec.event_type for spec in EVENTS.values() if spec.topic.name == topic]


def _copy_subscription(topic: str, settings: AvailabilitySettings) -> Subscription:
    kind = KIND_OF_TOPIC[topic]

    async def on_event(session: AsyncSession, event: EventEnvelope) -> None:
        await update_copy(SqlCopies(session), kind, event)

    async def on_tombstone(session: AsyncSession, key: str) -> None:
        await forget_copy(SqlCopies(session), kind, key)

    def wire(broker: KafkaBroker, dead_letters: BrokerDeadLetters, database: Database) -> None:
        handlers: dict[str, EventHandler] = {event_type: on_event for event_type in _event_types(topic)}
        processor = InboxProcessor(
            f"availability.{kind}", database.sessions, database.inbox, handlers, dead_letters,
            on_tombstone=on_tombstone, max_attempts=settings.consumer_max_attempts,
            retry_delay=settings.consumer_retry_delay_seconds,
        )  # fmt: skip
        subscribe(broker, processor, [topic])

    return wire


def _busy_subscription(settings: AvailabilitySettings) -> Subscription:
    async def on_rdv(session: AsyncSession, event: EventEnvelope) -> None:
        await update_busy_times(SqlRdvCopies(session), event)

    def wire(broker: KafkaBroker, dead_letters: BrokerDeadLetters, database: Database) -> None:
        handlers: dict[str, EventHandler] = {event_type: on_rdv for event_type in _event_types("booking.rdv")}
        processor = InboxProcessor(
            "availability.busy_times", database.sessions, database.inbox, handlers, dead_letters,
            max_attempts=settings.consumer_max_attempts, retry_delay=settings.consumer_retry_delay_seconds,
        )  # fmt: skip
        subscribe(broker, processor, ["booking.rdv"])

    return wire


def all_subscriptions(settings: AvailabilitySettings) -> list[Subscription]:
    factories: list[Callable[[], Subscription]] = [
        *(lambda topic=topic: _copy_subscription(topic, settings) for topic in KIND_OF_TOPIC),
        lambda: _busy_subscription(settings),
    ]
    return [factory() for factory in factories]
