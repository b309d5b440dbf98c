"""A booking API on a throwaway database, tokens signed like directory's, and availability's double."""

import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from booking.adapters.availability_client import HttpSlotValidator
from booking.adapters.tables import metadata
from booking.bootstrap import Overrides, build_app, build_database
from booking.config import BookingSettings
from booking.entrypoints.subscribers import copy_handlers
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.signing import generate_rsa_key, jwks_document, sign
from rdv_chassis.runtime import Database
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts import directory as dr
from rdv_contracts.base import Contract
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope
from sqlalchemy import select

from .availability_double import AvailabilityDouble, served

ALEMBIC_INI = Path(__file__).parents[2] / "alembic.ini"
ISSUER, AUDIENCE = "rdv-directory", "rdv-platform"
KEY = generate_rsa_key("test-key")
ORG, OTHER_ORG, TERRITORY, SERVICE, OTHER_SERVICE = 1, 2, 1, 10, 11
AGENT, ADMIN, COLLEAGUE, SECRETARY = 100, 101, 102, 103
MOTIF, COLLECTIVE_MOTIF, AGENTS_ONLY_MOTIF, OTHER_SERVICE_MOTIF = 20, 21, 22, 23
LIEU = 30
USER, RELATIVE, STRANGER = 200, 201, 202
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LINK_SECRET = "participation-links-key-of-the-tests-0123456789"


@dataclass
class Booking:
    client: httpx.AsyncClient
    app: Any
    database: Database
    url: str
    availability: AvailabilityDouble
    clock: list[datetime]

    def agent_headers(self, agent_id: int = AGENT, level: str = "basic", **claims: Any) -> dict[str, str]:
        claims = {"orgs": [{"id": ORG, "level": level}], "services": [SERVICE], **claims}
        return _bearer({"sub": f"agent:{agent_id}", **claims})

    def user_headers(self, user_id: int = USER) -> dict[str, str]:
        return _bearer({"sub": f"user:{user_id}"})

    async def apply(self, payload: Contract, aggregate_id: int) -> None:
        """Feeds a directory event to booking's copy handlers, as the worker would."""
        event = envelope(payload, aggregate_id=aggregate_id, organisation_id=None)
        async with self.database.sessions() as session, session.begin():
            await copy_handlers()[event.event_type](session, event)

    async def outbox_events(self) -> list[EventEnvelope]:
        outbox = metadata.tables["outbox"]
        async with self.database.sessions() as session:
            values = (await session.execute(select(outbox.c.value).order_by(outbox.c.position))).scalars()
            return [EventEnvelope.from_wire(v) for v in values if v is not None]


def _bearer(claims: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {sign(claims, KEY, ISSUER, AUDIENCE, ttl_seconds=600)}"}


def verifier() -> TokenVerifier:
    document = jwks_document([KEY])
    http = httpx.AsyncClient(transport=httpx.MockTransport(lambda _: httpx.Response(200, json=document)))
    return TokenVerifier(JwksClient("http://directory/jwks", http), issuer=ISSUER, audience=AUDIENCE)


@pytest.fixture
async def booking(make_database: Callable[[], Any], kafka_bootstrap: str) -> AsyncIterator[Booking]:
    url = await make_database()
    await upgrade_head(ALEMBIC_INI, url)
    settings = BookingSettings(
        database_url=url,
        kafka_bootstrap_servers=kafka_bootstrap,
        environment="test",
        database_pool_size=20,
        link_secret=LINK_SECRET,
    )
    database = build_database(settings)
    availability = AvailabilityDouble(AGENT)
    async with served(availability.app) as availability_url:
        slots = HttpSlotValidator(availability_url, timeout_seconds=30)
        clock = [NOW]
        overrides = Overrides(slots=slots, verifier=verifier(), clock=lambda: clock[0])
        app = build_app(settings, database, overrides)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://booking", timeout=60)
        booking = Booking(client, app, database, url, availability, clock)
        await seed_directory(booking)
        yield booking
        await client.aclose()
        await slots.close()
    await database.engine.dispose()


async def seed_directory(booking: Booking) -> None:
    await booking.apply(
        dr.TerritoryCreated(id=TERRITORY, name="Pas-de-Calais", departement_number="62"), TERRITORY
    )
    for org in (ORG, OTHER_ORG):
        contact = {"phone_number": "03 21 00 00 0" + str(org), "email": f"mds{org}@example.org"}
        organisation = dr.OrganisationCreated(
            id=org, territory_id=TERRITORY, name=f"MDS {org}", website="https://mds.example.org", **contact
        )
        await booking.apply(organisation, org)
    await booking.apply(dr.ServiceCreated(id=SERVICE, name="Service social", short_name="Social"), SERVICE)
    for agent_id in (AGENT, ADMIN, COLLEAGUE, SECRETARY):
        agent = dr.AgentCreated(
            id=agent_id,
            email=f"a{agent_id}@example.org",
            last_name=f"Agent{agent_id}",
            organisation_ids=[ORG],
        )
        await booking.apply(agent, agent_id)
        role = dr.AgentRoleCreated(id=agent_id, agent_id=agent_id, organisation_id=ORG)
        await booking.apply(role, agent_id)
    motifs = [
        dict(
            id=MOTIF,
            service_id=SERVICE,
            name="Accueil",
            bookable_by=dr.BookableBy.EVERYONE,
            instruction_for_rdv="Venez avec votre pièce d'identité.",
        ),
        dict(
            id=COLLECTIVE_MOTIF,
            service_id=SERVICE,
            name="Atelier",
            bookable_by=dr.BookableBy.EVERYONE,
            collectif=True,
        ),
        dict(id=AGENTS_ONLY_MOTIF, service_id=SERVICE, name="Suivi", bookable_by=dr.BookableBy.AGENTS),
        dict(
            id=OTHER_SERVICE_MOTIF, service_id=OTHER_SERVICE, name="PMI", bookable_by=dr.BookableBy.EVERYONE
        ),
    ]
    for motif in motifs:
        await booking.apply(dr.MotifCreated(organisation_id=ORG, **motif), motif["id"])  # type: ignore[arg-type]
    await booking.apply(
        dr.LieuCreated(
            id=LIEU, organisation_id=ORG, name="MDS", address="1 rue A", latitude=50.0, longitude=2.0
        ),
        LIEU,
    )
    await booking.apply(dr.UserCreated(id=USER, first_name="Élodie", last_name="Le Bœuf"), USER)
    await booking.apply(
        dr.UserCreated(id=RELATIVE, first_name="Léo", last_name="Le Bœuf", responsible_id=USER), RELATIVE
    )
    await booking.apply(dr.UserCreated(id=STRANGER, first_name="Zoé", last_name="Zola"), STRANGER)


def slot(day: int = 2, hour: int = 10, minute: int = 0) -> str:
    return (NOW.replace(hour=hour, minute=minute) + timedelta(days=day)).isoformat()


def idempotency_key() -> str:
    return str(uuid.uuid4())
