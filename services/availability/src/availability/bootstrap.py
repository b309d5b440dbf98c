"""Composition root: nothing is built at import time; tests pass their own settings and fakes."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.runtime import Database, Subscription, service_api

from availability.adapters.busy_times import PooledBusyTimes
from availability.adapters.catalog_cache import CatalogCache
from availability.adapters.holiday_calendar import FrenchHolidays
from availability.adapters.ical import IcsRenderer
from availability.adapters.recurrence import expand_days
from availability.adapters.referents import SqlReferents
from availability.adapters.search_pool import SearchPool
from availability.adapters.tables import metadata
from availability.adapters.teams import SqlTeams
from availability.application.ports import Clock
from availability.config import AvailabilitySettings
from availability.entrypoints.http import absences, agent_search, internal, plages, public_search
from availability.entrypoints.http.context import ApiContext
from availability.entrypoints.http.errors import ERRORS
from availability.entrypoints.subscriptions import all_subscriptions

VERSION = "0.1.0"
DESCRIPTION = (
    "Plages d'ouverture, absences and slot search: agents' \"Trouver un RDV\", public search, "
    "next availability, and slot validation for booking."
)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Overrides:
    clock: Clock = utc_now
    http: httpx.AsyncClient | None = None
    extra: dict[str, object] = field(default_factory=dict)


def build_database(settings: AvailabilitySettings) -> Database:
    return Database.connect(settings, metadata)


def build_catalogs(database: Database, search_pool: SearchPool | None = None) -> CatalogCache:
    return CatalogCache(database.sessions, FrenchHolidays(), expand_days, search_pool)


def build_app(
    settings: AvailabilitySettings, database: Database | None = None, overrides: Overrides | None = None
) -> FastAPI:
    database = database or build_database(settings)
    overrides = overrides or Overrides()
    verifier = TokenVerifier(
        JwksClient(settings.jwks_url, overrides.http or httpx.AsyncClient(timeout=5)),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
    )
    search_pool = SearchPool(settings.database_url, settings.database_pool_size)
    app = service_api(
        settings,
        database,
        version=VERSION,
        routers=[plages.router, absences.router, agent_search.router, public_search.router, internal.router],
        error_mapping=ERRORS,
        description=DESCRIPTION,
        on_shutdown=[search_pool.close],
    )
    app.state.context = ApiContext(
        database,
        build_catalogs(database, search_pool),
        PooledBusyTimes(database.sessions, search_pool),
        IcsRenderer(),
        overrides.clock,
        verifier,
        SqlReferents(database.sessions),
        SqlTeams(database.sessions),
    )
    return app


def subscriptions(settings: AvailabilitySettings | None = None) -> list[Subscription]:
    return all_subscriptions(settings or AvailabilitySettings())
