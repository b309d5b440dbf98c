"""Composition root: nothing is built at import time; tests pass their own settings and doubles."""

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.runtime import Database, Subscription, service_api
from sqlalchemy.exc import TimeoutError as PoolTimeout

from booking.adapters.availability_client import HttpSlotValidator
from booking.adapters.rate_limiter import IpRateLimiter
from booking.adapters.tables import metadata
from booking.adapters.unit_of_work import BookingUnitOfWork
from booking.application.ports import AttemptLimiter, Clock, SlotValidator
from booking.config import BookingSettings
from booking.domain.errors import TooManyAttempts
from booking.entrypoints.http import agent_rdvs, public_rdvs, usager_rdvs
from booking.entrypoints.http.dependencies import Collaborators
from booking.entrypoints.http.errors import ERRORS, database_saturated, too_many_attempts
from booking.entrypoints.subscribers import directory_copies, user_merges

VERSION = "0.1.0"


@dataclass(frozen=True)
class Overrides:
    slots: SlotValidator | None = None
    verifier: TokenVerifier | None = None
    limiter: AttemptLimiter | None = None
    clock: Clock | None = None


def build_database(settings: BookingSettings) -> Database:
    return Database.connect(settings, metadata)


def build_app(
    settings: BookingSettings, database: Database | None = None, overrides: Overrides | None = None
) -> FastAPI:
    database = database or build_database(settings)
    overrides = overrides or Overrides()
    app = service_api(
        settings,
        database,
        version=VERSION,
        routers=[agent_rdvs.router, usager_rdvs.router, public_rdvs.router],
        error_mapping=ERRORS,
        description="RDVs: the agents' API, public booking, the usager's space and participation links.",
    )
    app.add_exception_handler(TooManyAttempts, too_many_attempts)
    app.add_exception_handler(PoolTimeout, database_saturated)
    slots = overrides.slots
    if slots is None:
        validator = HttpSlotValidator(settings.availability_url, settings.availability_timeout_seconds)
        _close_on_shutdown(app, validator)
        slots = validator
    app.state.booking = Collaborators(
        uow=lambda: BookingUnitOfWork(database.sessions, database.outbox, database.producer),
        clock=overrides.clock or (lambda: datetime.now(UTC)),
        slots=slots,
        limiter=overrides.limiter or IpRateLimiter(settings.link_answers_per_ip),
        verifier=overrides.verifier or _verifier(settings),
        public_base_url=settings.public_base_url,
        link_secret=settings.link_secret,
    )
    return app


def _close_on_shutdown(app: FastAPI, validator: HttpSlotValidator) -> None:
    chassis_lifespan = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with chassis_lifespan(app):
            yield
            await validator.close()

    app.router.lifespan_context = lifespan


def _verifier(settings: BookingSettings) -> TokenVerifier:
    jwks = JwksClient(settings.jwks_url, httpx.AsyncClient(timeout=5))
    return TokenVerifier(jwks, issuer=settings.jwt_issuer, audience=settings.jwt_audience)


def subscriptions() -> list[Subscription]:
    return [directory_copies, user_merges]
