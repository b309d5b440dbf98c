"""Kafka subscriptions of the worker: local copies, RDV lifecycle, and the other e-mails to send.

Every handler runs in the inbox transaction: its deliveries, reminders and copies commit with the inbox
row, so a redelivered event records nothing twice.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from faststream.kafka import KafkaBroker
from rdv_chassis.messaging.broker import BrokerDeadLetters, subscribe
from rdv_chassis.messaging.inbox import (
    DeadLetterSink,
    EventHandler,
    InboxProcessor,
    NotYetAvailable,
    TombstoneHandler,
)
from rdv_chassis.runtime import Database, Subscription
from rdv_contracts import directory as dr
from rdv_contracts.base import Contract
from rdv_contracts.booking import RdvEvent, RdvLinkLocked
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.deliveries_repository import SqlDeliveries
from notifications.adapters.local_copies import SqlLocalCopies
from notifications.adapters.phone import mobile_e164
from notifications.adapters.projections import PROJECTIONS
from notifications.adapters.reminders_repository import SqlReminders
from notifications.application.notify_agenda_change import NotifyAgendaChange
from notifications.application.notify_rdv_change import NotifyRdvChange
from notifications.application.ports import LocalCopies
from notifications.application.schedule_reminder import ScheduleReminder
from notifications.application.send_account_mail import SendAccountMail
from notifications.application.send_calendar_alert import SendCalendarAlert
from notifications.application.usager_messages import UsagerMessages
from notifications.application.warn_link_locked import WarnLinkLocked
from notifications.bootstrap import Services
from notifications.domain.errors import LocalCopyMissing
from notifications.domain.rdv_change import RdvChange
from notifications.entrypoints.export_subscription import CONSUMER, TOPIC, export_completed_handler

# A new consumer group replays the compacted agenda topics from the start: old states are not news.
AGENDA_NEWS_MAX_AGE = timedelta(days=1)


@dataclass(frozen=True)
class Consumer:
    """One consumer group: its topics and its handlers by event type."""

    name: str
    topics: list[str]
    handlers: Mapping[str, EventHandler]
    on_tombstone: TombstoneHandler | None = None

    def processor(
        self, services: Services, database: Database, dead_letters: DeadLetterSink
    ) -> InboxProcessor:
        return InboxProcessor(
            self.name,
            database.sessions,
            database.inbox,
            self.handlers,
            dead_letters,
            on_tombstone=self.on_tombstone,
            max_attempts=services.settings.consumer_max_attempts,
            retry_delay=services.settings.consumer_retry_delay_seconds,
        )

    def subscription(self, services: Services) -> Subscription:
        def attach(broker: KafkaBroker, dead_letters: BrokerDeadLetters, database: Database) -> None:
            subscribe(broker, self.processor(services, database, dead_letters), self.topics)

        return attach


def usager_messages(services: Services, copies: LocalCopies) -> UsagerMessages:
    return UsagerMessages(copies, services.composer, services.links, services.sms_routing, mobile_e164)


def rdv_lifecycle_handler(services: Services) -> EventHandler:
    """A missing copy that directory did not delete is on its way: the record is read again later
    (NotYetAvailable rewinds the partition) instead of being dead-lettered."""

    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        change = RdvChange.from_event(parse_payload(envelope, RdvEvent))
        copies = SqlLocalCopies(session)
        notify = NotifyRdvChange(
            copies,
            SqlDeliveries(session),
            services.composer,
            usager_messages(services, copies),
            services.agent_messages,
            services.clock,
        )
        try:
            await ScheduleReminder(copies, SqlReminders(session), services.holidays, services.clock)(change)
            await notify(envelope.event_id, change)
        except LocalCopyMissing as missing:
            if missing.deleted:
                raise
            raise NotYetAvailable(str(missing)) from missing

    return handle


def account_mail_handler(services: Services) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        request = parse_payload(envelope, dr.AccountLinkRequest)
        await SendAccountMail(SqlDeliveries(session), services.composer)(envelope.event_id, request)

    return handle


def link_locked_handler(services: Services) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        warn = WarnLinkLocked(SqlLocalCopies(session), SqlDeliveries(session), services.composer)
        await warn(envelope.event_id, envelope.organisation_id, parse_payload(envelope, RdvLinkLocked))

    return handle


def calendar_alert_handler(services: Services) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        alert = SendCalendarAlert(SqlLocalCopies(session), SqlDeliveries(session), services.composer)
        await alert(envelope.event_id, parse_payload(envelope, Contract))

    return handle


def agenda_handler(services: Services) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        if services.clock() - envelope.occurred_at > AGENDA_NEWS_MAX_AGE:
            return
        notify = NotifyAgendaChange(
            SqlLocalCopies(session), SqlDeliveries(session), services.composer, services.calendars
        )
        await notify(envelope.event_id, envelope.event_type, parse_payload(envelope, Contract))

    return handle


def consumers(services: Services) -> list[Consumer]:
    rdv_types = ["rdv.created", "rdv.updated", "rdv.status_changed", "rdv.cancelled", "rdv.destroyed"]
    account_types = [
        "agent.invited",
        "agent.password_reset_requested",
        "user.email_verification_requested",
        "user.password_reset_requested",
    ]
    agenda_types = [
        f"{entity}.{action}"
        for entity in ("plage_ouverture", "absence")
        for action in ("created", "updated", "deleted")
    ]
    alert_types = ["outlook_connection.failed", "caldav_connection.failed", "webhook_endpoint.disabled"]
    return [
        *(Consumer(p.consumer, [p.topic], p.handlers, p.on_tombstone) for p in PROJECTIONS),
        Consumer(
            "notifications.rdv_lifecycle",
            ["booking.rdv"],
            dict.fromkeys(rdv_types, rdv_lifecycle_handler(services)),
        ),
        Consumer(
            "notifications.account_mails",
            ["directory.notification_request"],
            dict.fromkeys(account_types, account_mail_handler(services)),
        ),
        Consumer(
            "notifications.link_locked",
            ["booking.rdv.link_locked"],
            {"rdv.link_locked": link_locked_handler(services)},
        ),
        Consumer(
            "notifications.calendar_alerts",
            ["calendar_sync.alert"],
            dict.fromkeys(alert_types, calendar_alert_handler(services)),
        ),
        Consumer(CONSUMER, [TOPIC], {"export.completed": export_completed_handler(services)}),
        Consumer(
            "notifications.agenda",
            ["availability.plage_ouverture", "availability.absence"],
            dict.fromkeys(agenda_types, agenda_handler(services)),
        ),
    ]


def all_subscriptions(services: Services) -> list[Subscription]:
    return [consumer.subscription(services) for consumer in consumers(services)]
