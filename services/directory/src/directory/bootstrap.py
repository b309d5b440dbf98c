"""Composition root: nothing is built at import time; tests pass their own settings and clock."""

from datetime import UTC, datetime

from fastapi import FastAPI
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.runtime import Database, Subscription, service_api

from directory.adapters.passwords import Argon2PasswordHasher
from directory.adapters.rate_limits import PostgresAttemptLimiter
from directory.adapters.secret_box import FernetBox, load_or_create_fernet_key
from directory.adapters.signing_keys import JwtSigner, OwnKeys, load_or_create_key
from directory.adapters.tables import metadata
from directory.adapters.unit_of_work import DirectoryUnitOfWork
from directory.application.context import AuthPolicy, Context
from directory.application.ports import Clock, PasswordHasher, UnitOfWork, UnitOfWorkFactory
from directory.config import DirectorySettings
from directory.entrypoints.http import (
    routes_agents,
    routes_auth,
    routes_motif_categories,
    routes_organisations,
    routes_passwords,
    routes_places,
    routes_removals,
    routes_teams,
    routes_users,
)
from directory.entrypoints.http.errors import ERRORS
from directory.entrypoints.subscriptions import rdv_facts_subscription

VERSION = "0.1.0"


def build_database(settings: DirectorySettings) -> Database:
    return Database.connect(settings, metadata)


def utc_now() -> datetime:
    return datetime.now(UTC)


def unit_of_work_factory(database: Database) -> UnitOfWorkFactory:
    def unit_of_work() -> UnitOfWork:
        return DirectoryUnitOfWork(database.sessions, database.outbox, database.producer)

    return unit_of_work


def build_signer(settings: DirectorySettings, clock: Clock = utc_now) -> JwtSigner:
    key = load_or_create_key(settings.jwt_private_key_pem, settings.key_dir)
    return JwtSigner(key, settings.jwt_issuer, settings.jwt_audience, clock)


def build_context(
    settings: DirectorySettings,
    database: Database,
    signer: JwtSigner,
    clock: Clock = utc_now,
    passwords: PasswordHasher | None = None,
) -> Context:
    return Context(
        uow=unit_of_work_factory(database),
        passwords=passwords or Argon2PasswordHasher(),
        signer=signer,
        limiter=PostgresAttemptLimiter(
            database.engine, settings.login_limit_per_account, settings.login_limit_per_ip
        ),
        secrets=FernetBox(load_or_create_fernet_key(settings.secrets_key, settings.key_dir)),
        clock=clock,
        public_base_url=settings.public_base_url,
        auth=AuthPolicy(
            access_token_ttl_seconds=settings.access_token_ttl_seconds,
            refresh_token_ttl_seconds=settings.refresh_token_ttl_seconds,
        ),
    )


def build_app(
    settings: DirectorySettings,
    database: Database | None = None,
    *,
    clock: Clock = utc_now,
    passwords: PasswordHasher | None = None,
) -> FastAPI:
    database = database or build_database(settings)
    signer = build_signer(settings, clock)
    app = service_api(
        settings,
        database,
        version=VERSION,
        routers=[
            routes_auth.router,
            routes_passwords.router,
            routes_organisations.router,
            routes_agents.router,
            routes_users.router,
            routes_places.router,
            routes_teams.router,
            routes_motif_categories.router,
            routes_removals.router,
        ],
        error_mapping=ERRORS,
        description="Territories, organisations, services, agents, usagers, lieux, motifs, teams; sign-in.",
    )
    app.state.context = build_context(settings, database, signer, clock, passwords)
    app.state.signer = signer
    app.state.verifier = TokenVerifier(OwnKeys([signer.key]), settings.jwt_issuer, settings.jwt_audience)
    app.state.api_token_ttl_seconds = settings.api_token_access_ttl_seconds
    return app


def subscriptions() -> list[Subscription]:
    return [rdv_facts_subscription]
