"""An availability API on a fresh migrated database, signed tokens, and directory/booking events
applied through the same handlers the worker's subscribers call."""

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from availability.adapters.copies import SqlCopies, SqlRdvCopies
from availability.application.when_directory_changes_update_copies import KIND_OF_TOPIC, update_copy
from availability.application.when_rdv_changes_update_busy_times import update_busy_times
from availability.bootstrap import Overrides, build_app, build_database
from availability.config import AvailabilitySettings
from rdv_chassis.auth.signing import SigningKey, generate_rsa_key, jwks_document, sign
from rdv_chassis.runtime import Database
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts import booking as bk
from rdv_contracts import directory as dr
from rdv_contracts.base import Contract
from rdv_contracts.registry import envelope, spec_for
from sqlalchemy import text

ALEMBIC_INI = Path(__file__).parents[1] / "alembic.ini"
NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # Monday 2 March 2026, 08:00 in Paris
KEY: SigningKey = generate_rsa_key("test-key")


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Service:
    client: httpx.AsyncClient
    database: Database
    clock: Clock
    rdv_versions: dict[int, int] = field(default_factory=dict)
    _moments: itertools.count = field(default_factory=lambda: itertools.count(1))  # type: ignore[type-arg]

    async def publish(self, *payloads: Contract) -> None:
        """Applies directory states the way the worker does (one transaction per event)."""
        for payload in payloads:
            occurred = NOW + timedelta(seconds=next(self._moments))
            event = envelope(payload, aggregate_id=payload.id, organisation_id=None, occurred_at=occurred)  # type: ignore[attr-defined]
            kind = KIND_OF_TOPIC[spec_for(event.event_type).topic.name]
            async with self.database.sessions() as session, session.begin():
                await update_copy(SqlCopies(session), kind, event)

    async def rdv(
        self, rdv_id: int, agent_ids: list[int], starts: str, minutes: int = 30, **kwargs: Any
    ) -> None:
        version = self.rdv_versions.get(rdv_id, 0) + 1
        self.rdv_versions[rdv_id] = version
        status = kwargs.pop("status", bk.RdvStatus.UNKNOWN)
        event_class = kwargs.pop("event", bk.RdvCancelled if status.is_cancelled else bk.RdvCreated)
        starts_at = datetime.fromisoformat(starts)
        snapshot = bk.RdvSnapshot(
            id=rdv_id,
            uuid=f"00000000-0000-0000-0000-{rdv_id:012d}",
            organisation_id=kwargs.pop("organisation_id", 1),
            motif_id=kwargs.pop("motif_id", 101),
            lieu_id=kwargs.pop("lieu_id", 21),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            duration_in_min=minutes,
            status=status,
            agent_ids=agent_ids,
            participations=[],
            users_count=kwargs.pop("users_count", 1),
            created_by=bk.CreatorType.AGENT,
            created_by_id=agent_ids[0],
            sequence=version - 1,
            version=version,
            created_at=NOW,
            updated_at=NOW,
            **kwargs,
        )
        extra: dict[str, Any] = {"previous_status": bk.RdvStatus.UNKNOWN} if status.is_cancelled else {}
        payload = event_class(rdv=snapshot, actor=bk.Actor(type=bk.ActorType.AGENT, id=agent_ids[0]), **extra)
        async with self.database.sessions() as session, session.begin():
            await update_busy_times(
                SqlRdvCopies(session), envelope(payload, aggregate_id=rdv_id, organisation_id=1)
            )

    async def outbox(self) -> list[tuple[str, str, bytes | None]]:
        async with self.database.sessions() as session:
            rows = await session.execute(text("SELECT event_type, key, value FROM outbox ORDER BY position"))
            return [tuple(row) for row in rows]  # type: ignore[misc]


def token(agent_id: int, orgs: dict[int, str], services: list[int] = (), **claims: Any) -> dict[str, str]:  # type: ignore[assignment]
    body = {
        "sub": f"agent:{agent_id}",
        "orgs": [{"id": org, "level": level} for org, level in orgs.items()],
        "services": list(services),
        **claims,
    }
    jwt = sign(body, KEY, "rdv-directory", "rdv-platform", 3600, now=datetime.now(UTC))
    return {"Authorization": f"Bearer {jwt}"}


def usager(user_id: int) -> dict[str, str]:
    jwt = sign({"sub": f"user:{user_id}"}, KEY, "rdv-directory", "rdv-platform", 3600, now=datetime.now(UTC))
    return {"Authorization": f"Bearer {jwt}"}


AGENT_11 = token(11, {1: "basic"}, [1])  # PMI agent of organisation 1
AGENT_12 = token(12, {1: "basic"}, [1])
ADMIN_15 = token(15, {1: "admin"}, [1])
OUTSIDER_14 = token(14, {3: "basic"}, [1])  # agent of organisation 3 (Guadeloupe)
SOCIAL_16 = token(16, {1: "basic"}, [4])  # another service of organisation 1


def directory_world() -> list[Contract]:
    return [
        dr.TerritoryCreated(id=1, name="Paris", departement_number="75"),
        dr.TerritoryCreated(
            id=2, name="Guadeloupe", departement_number="971", time_zone="America/Guadeloupe"
        ),
        dr.OrganisationCreated(id=1, territory_id=1, name="MDS Nord"),
        dr.OrganisationCreated(id=2, territory_id=1, name="MDS Sud"),
        dr.OrganisationCreated(id=3, territory_id=2, name="MDS Pointe-à-Pitre"),
        dr.ServiceCreated(id=1, name="PMI", short_name="PMI"),
        dr.ServiceCreated(id=2, name="Secrétariat", short_name="SEC", is_secretariat=True),
        dr.ServiceCreated(id=4, name="Service social", short_name="SS"),
        *(
            dr.AgentCreated(
                id=i, email=f"a{i}@x.fr", last_name=f"Agent{i}", service_ids=[1], organisation_ids=[o]
            )
            for i, o in ((11, 1), (12, 1), (15, 1), (14, 3), (17, 2))
        ),
        dr.AgentCreated(id=16, email="a16@x.fr", last_name="Social", service_ids=[4], organisation_ids=[1]),
        dr.LieuCreated(
            id=21, organisation_id=1, name="Nord", address="1 rue A", latitude=48.89, longitude=2.35
        ),
        dr.LieuCreated(
            id=22, organisation_id=1, name="Centre", address="2 rue B", latitude=48.86, longitude=2.34
        ),
        dr.LieuCreated(
            id=23, organisation_id=2, name="Sud", address="3 rue C", latitude=48.82, longitude=2.35
        ),
        dr.LieuCreated(
            id=31, organisation_id=3, name="PAP", address="4 rue D", latitude=16.24, longitude=-61.53
        ),
        dr.MotifCreated(id=101, organisation_id=1, service_id=1, name="Consultation", bookable_by="everyone"),
        dr.MotifCreated(id=102, organisation_id=1, service_id=1, name="Appel", location_type="phone"),
        dr.MotifCreated(
            id=103, organisation_id=1, service_id=1, name="Atelier", collectif=True, bookable_by="everyone"
        ),
        dr.MotifCreated(
            id=104, organisation_id=2, service_id=1, name="Bilan", bookable_by="agents_and_prescripteurs"
        ),
        dr.MotifCreated(id=105, organisation_id=1, service_id=1, name="Long", default_duration_in_min=240),
        dr.MotifCreated(id=131, organisation_id=3, service_id=1, name="Consultation", bookable_by="everyone"),
    ]


@pytest.fixture
async def service(make_database) -> Any:
    url = await make_database()
    await upgrade_head(ALEMBIC_INI, url)
    settings = AvailabilitySettings(
        database_url=url, environment="test", jwks_url="http://directory.test/jwks"
    )
    jwks = httpx.AsyncClient(
        transport=httpx.MockTransport(lambda _: httpx.Response(200, json=jwks_document([KEY])))
    )
    clock = Clock()
    database = build_database(settings)
    app = build_app(settings, database, Overrides(clock=clock, http=jwks))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url="http://availability.test"
    ) as client:
        world = Service(client, database, clock)
        await world.publish(*directory_world())
        yield world
    await database.engine.dispose()
