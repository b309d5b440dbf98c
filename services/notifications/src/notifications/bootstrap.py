"""Composition root: nothing is built at import time; tests pass their own settings and fakes."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.runtime import Database, Subscription, service_api

from notifications.adapters.calendars import IcsCalendars
from notifications.adapters.composer import JinjaComposer
from notifications.adapters.holiday_calendar import HolidayCalendar
from notifications.adapters.recap_links import HmacRecapLinks
from notifications.adapters.sms.brevo import BrevoSms
from notifications.adapters.sms.logging_gateway import LoggingSms
from notifications.adapters.smtp_mailer import SmtpMailer
from notifications.adapters.tables import metadata
from notifications.adapters.unit_of_work import SqlNotificationsUnit
from notifications.application.agent_messages import AgentMessages
from notifications.application.dispatch_deliveries import DispatchDeliveries
from notifications.application.ports import Mailer, SmsGateway
from notifications.config import NotificationsSettings
from notifications.domain.sms_routing import SmsRouting
from notifications.entrypoints.http.errors import ERRORS
from notifications.entrypoints.http.receipts import receipts_router
from notifications.entrypoints.http.sms_callbacks import sms_callbacks_router

VERSION = "0.1.0"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """The adapters every entrypoint shares, built once per process."""

    settings: NotificationsSettings
    database: Database
    clock: Callable[[], datetime] = utc_now
    mailer: Mailer | None = None
    sms_gateways: Mapping[str, SmsGateway] = field(default_factory=dict)

    def __post_init__(self) -> None:
        s = self.settings
        self.composer = JinjaComposer(s.brand, s.public_base_url)
        self.calendars = IcsCalendars(s.ics_organizer_email, s.public_base_url)
        self.links = HmacRecapLinks(s.public_base_url, s.link_secret)
        self.holidays = HolidayCalendar()
        self.sms_routing = SmsRouting(s.sms_default_provider, frozenset(self.sms_gateways))
        self.agent_messages = AgentMessages(self.composer, self.calendars)

    def unit(self) -> SqlNotificationsUnit:
        return SqlNotificationsUnit(self.database.unit_of_work())

    def dispatcher(self) -> DispatchDeliveries:
        s = self.settings
        assert self.mailer is not None, "a mailer is needed to send"
        return DispatchDeliveries(
            units=self.unit,
            mailer=self.mailer,
            sms_gateways=self.sms_gateways,
            clock=self.clock,
            max_attempts=s.dispatch_max_attempts,
            batch_size=s.dispatch_batch_size,
            lease_seconds=s.dispatch_lease_seconds,
            first_retry_delay=timedelta(seconds=s.dispatch_first_retry_seconds),
        )


def build_database(settings: NotificationsSettings) -> Database:
    return Database.connect(settings, metadata)


def build_mailer(settings: NotificationsSettings) -> SmtpMailer:
    return SmtpMailer(
        settings.smtp_host,
        settings.smtp_port,
        settings.mail_from,
        tls=settings.smtp_tls,
        username=settings.smtp_username,
        password=settings.smtp_password,
        timeout=settings.smtp_timeout_seconds,
    )


def build_sms_gateways(settings: NotificationsSettings, http: httpx.AsyncClient) -> dict[str, SmsGateway]:
    gateways: dict[str, SmsGateway] = {LoggingSms.name: LoggingSms()}
    if settings.brevo_api_key:
        callback = f"{settings.public_base_url.rstrip('/')}/api/v1/sms_callbacks/send_in_blue/"
        gateways[BrevoSms.name] = BrevoSms(
            http,
            settings.brevo_api_key,
            settings.brevo_sender,
            callback + settings.sms_callback_token,
            settings.brevo_base_url,
        )
    return gateways


def build_services(settings: NotificationsSettings, database: Database, http: httpx.AsyncClient) -> Services:
    return Services(
        settings,
        database,
        mailer=build_mailer(settings),
        sms_gateways=build_sms_gateways(settings, http),
    )


def build_app(
    settings: NotificationsSettings,
    database: Database | None = None,
    verifier: TokenVerifier | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> FastAPI:
    services = Services(settings, database or build_database(settings), clock=clock)
    app = service_api(
        settings,
        services.database,
        version=VERSION,
        routers=[receipts_router(), sms_callbacks_router()],
        error_mapping=ERRORS,
        description="Receipts of the e-mails and SMS sent about RDVs; SMS delivery reports.",
    )
    app.state.services = services
    app.state.verifier = verifier or TokenVerifier(
        JwksClient(settings.jwks_url, httpx.AsyncClient()), settings.jwt_issuer, settings.jwt_audience
    )
    return app


def subscriptions(services: Services) -> list[Subscription]:
    from notifications.entrypoints.subscribers import all_subscriptions

    return all_subscriptions(services)
