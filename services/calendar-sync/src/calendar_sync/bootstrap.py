"""Composition root: nothing is built at import time; tests pass their own settings and overrides."""

import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.runtime import Database, Subscription, service_api

from calendar_sync.adapters.caldav_gateway import CaldavGateway
from calendar_sync.adapters.crypto import SecretBox
from calendar_sync.adapters.graph_gateway import GraphGateway
from calendar_sync.adapters.ics import IcsDocuments
from calendar_sync.adapters.outbound_http import GuardedHttp, Resolver, system_resolver
from calendar_sync.adapters.outlook_oauth import MsalOAuth
from calendar_sync.adapters.tables import metadata
from calendar_sync.adapters.unit_of_work import CalendarSyncUnitOfWork
from calendar_sync.application.calendar_entries import Links
from calendar_sync.application.deliver_due_webhooks import WebhookDeliverer
from calendar_sync.application.ports import CalendarGateway, UnitOfWork, UnitOfWorkFactory
from calendar_sync.application.purge_old_records import PurgeOldRecords
from calendar_sync.application.push_calendar_events import CalendarPusher
from calendar_sync.config import CalendarSyncSettings
from calendar_sync.domain.url_safety import OutboundPolicy
from calendar_sync.entrypoints import subscriptions as kafka
from calendar_sync.entrypoints.http.caldav import router as caldav_router
from calendar_sync.entrypoints.http.dependencies import Services
from calendar_sync.entrypoints.http.errors import ERRORS
from calendar_sync.entrypoints.http.outlook import router as outlook_router
from calendar_sync.entrypoints.http.webcal import router as webcal_router
from calendar_sync.entrypoints.http.webhook_endpoints import router as webhook_router

VERSION = "0.1.0"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Overrides:
    verifier: TokenVerifier | None = None
    resolver: Resolver = system_resolver
    outbound_transport: httpx.AsyncBaseTransport | None = None
    clock: Callable[[], datetime] = _now


def build_database(settings: CalendarSyncSettings) -> Database:
    return Database.connect(settings, metadata)


def unit_of_work_factory(database: Database) -> UnitOfWorkFactory:
    def unit_of_work() -> UnitOfWork:
        return CalendarSyncUnitOfWork(database.sessions, database.outbox, database.producer)

    return unit_of_work


def guarded_http(settings: CalendarSyncSettings, overrides: Overrides) -> GuardedHttp:
    policy = OutboundPolicy.of(settings.outbound_allowed_schemes, settings.outbound_allowed_networks)
    client = httpx.AsyncClient(transport=overrides.outbound_transport, follow_redirects=False)
    return GuardedHttp(client, policy, overrides.resolver, settings.webhook_timeout_seconds)


def build_services(settings: CalendarSyncSettings, database: Database, overrides: Overrides) -> Services:
    return Services(
        unit_of_work=unit_of_work_factory(database),
        guard=guarded_http(settings, overrides),
        sealer=SecretBox(settings.encryption_key),
        renderer=IcsDocuments(),
        links=Links(settings.public_base_url, settings.product_name),
        clock=overrides.clock,
        caldav=CaldavGateway(guarded_http(settings, overrides)),
        outlook=MsalOAuth(settings) if settings.outlook_client_id else None,
    )


def webhook_deliverer(
    settings: CalendarSyncSettings, database: Database, overrides: Overrides | None = None
) -> WebhookDeliverer:
    overrides = overrides or Overrides()
    return WebhookDeliverer(
        unit_of_work=unit_of_work_factory(database),
        sender=guarded_http(settings, overrides),
        sealer=SecretBox(settings.encryption_key),
        clock=overrides.clock,
        batch_size=settings.delivery_batch_size,
        lease=timedelta(seconds=settings.delivery_lease_seconds),
    )


def calendar_gateways(settings: CalendarSyncSettings, overrides: Overrides) -> dict[str, CalendarGateway]:
    gateways: dict[str, CalendarGateway] = {"caldav": CaldavGateway(guarded_http(settings, overrides))}
    if settings.outlook_client_id:
        # The Graph host is ours to configure, not the user's: no SSRF guard, our CA bundle if any.
        client = httpx.AsyncClient(verify=_ssl_context(settings.outlook_ca_file), follow_redirects=False)
        gateways["outlook"] = GraphGateway(client, settings.outlook_graph_base_url, MsalOAuth(settings))
    return gateways


def _ssl_context(ca_file: str | None) -> ssl.SSLContext | bool:
    return ssl.create_default_context(cafile=ca_file) if ca_file else True


def calendar_pusher(
    settings: CalendarSyncSettings, database: Database, overrides: Overrides | None = None
) -> CalendarPusher:
    overrides = overrides or Overrides()
    return CalendarPusher(
        unit_of_work=unit_of_work_factory(database),
        gateways=calendar_gateways(settings, overrides),
        sealer=SecretBox(settings.encryption_key),
        links=Links(settings.public_base_url, settings.product_name),
        clock=overrides.clock,
        batch_size=settings.delivery_batch_size,
        lease=timedelta(seconds=settings.delivery_lease_seconds),
    )


def housekeeping(
    settings: CalendarSyncSettings, database: Database, overrides: Overrides | None = None
) -> PurgeOldRecords:
    return PurgeOldRecords(
        unit_of_work=unit_of_work_factory(database),
        clock=(overrides or Overrides()).clock,
        inbox_retention=kafka.inbox_retentions(settings),
    )


def build_app(
    settings: CalendarSyncSettings, database: Database | None = None, overrides: Overrides | None = None
) -> FastAPI:
    database = database or build_database(settings)
    overrides = overrides or Overrides()
    app = service_api(
        settings,
        database,
        version=VERSION,
        routers=[webhook_router, webcal_router, caldav_router, outlook_router],
        error_mapping=ERRORS,
    )
    app.state.services = build_services(settings, database, overrides)
    app.state.verifier = overrides.verifier or TokenVerifier(
        JwksClient(settings.jwks_url, httpx.AsyncClient()),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
    )
    return app


def subscriptions(settings: CalendarSyncSettings | None = None) -> list[Subscription]:
    return kafka.subscriptions(settings or CalendarSyncSettings())
