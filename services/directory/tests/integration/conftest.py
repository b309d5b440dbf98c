"""A directory API on a fresh migrated database, and a small world of territories, organisations,
services and agents of every role to call it as."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import argon2
import httpx
import pytest
from directory.adapters.passwords import Argon2PasswordHasher
from directory.application import organisations, provision
from directory.application.context import Context
from directory.application.invite_agent import InviteAgent, invite_agent
from directory.bootstrap import build_app, build_database
from directory.config import DirectorySettings
from directory.domain.caller import SYSTEM
from fastapi import FastAPI
from rdv_chassis.runtime import Database
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts.directory import AccessLevel
from sqlalchemy import text

ALEMBIC_INI = Path(__file__).parents[2] / "alembic.ini"
PASSWORD = "Mot-de-passe-solide-2026"


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Directory:
    app: FastAPI
    client: httpx.AsyncClient
    ctx: Context
    database: Database
    clock: Clock
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    async def sign_in(self, email: str, password: str = PASSWORD, ip: str = "203.0.113.1") -> httpx.Response:
        return await self.client.post(
            "/api/v1/auth/sign_in",
            json={"email": email, "password": password},
            headers={"X-Forwarded-For": ip},
        )

    def as_(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    async def outbox(self, event_type: str | None = None) -> list[dict[str, Any]]:
        async with self.database.engine.connect() as conn:
            rows = (await conn.execute(text("SELECT * FROM outbox ORDER BY position"))).mappings().all()
        return [dict(r) for r in rows if event_type is None or r["event_type"] == event_type]


def fast_hasher() -> Argon2PasswordHasher:
    return Argon2PasswordHasher(argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
async def directory(make_database, tmp_path) -> AsyncIterator[Directory]:
    url = await make_database()
    await upgrade_head(ALEMBIC_INI, url)
    settings = DirectorySettings(
        environment="test", database_url=url, key_dir=tmp_path / "keys", public_base_url="https://rdv.example"
    )
    database = build_database(settings)
    clock = Clock()
    app = build_app(settings, database, clock=clock, passwords=fast_hasher())
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app, client=("203.0.113.1", 1234)), base_url="http://test"
    )
    yield Directory(app, client, app.state.context, database, clock)
    await client.aclose()
    await database.engine.dispose()


ROLES = ("territory_admin", "admin", "basic", "secretariat", "foreign_admin")


@pytest.fixture
async def world(directory: Directory) -> Directory:
    """Territory 62 with organisations A and B, territory 971 with organisation C.

    territory_admin administers 62 (and is admin of A); admin is admin of A; basic is basic in A
    (service PMI); secretariat is basic in A in the Secrétariat service; foreign_admin is admin of C.
    """
    ctx, ids = directory.ctx, directory.ids
    pmi = await provision.ensure_service(ctx, "PMI (Protection Maternelle Infantile)", "PMI")
    social = await provision.ensure_service(ctx, "Service social", "Social")
    secretariat = await provision.ensure_service(ctx, "Secrétariat", "Secrétariat")
    services = [pmi.id, social.id, secretariat.id]
    t62 = await provision.ensure_territory(
        ctx, {"name": "Pas-de-Calais", "departement_number": "62"}, services
    )
    t971 = await provision.ensure_territory(
        ctx, {"name": "Guadeloupe", "departement_number": "971", "time_zone": "America/Guadeloupe"}, services
    )
    ids |= {
        "pmi": pmi.id,
        "social": social.id,
        "secretariat_service": secretariat.id,
        "t62": t62.id,
        "t971": t971.id,
    }
    for key, territory, name in (
        ("org_a", t62, "Mairie A"),
        ("org_b", t62, "Mairie B"),
        ("org_c", t971, "Mairie C"),
    ):
        org = await organisations.create_organisation(
            ctx, SYSTEM, organisations.CreateOrganisation(territory.id, {"name": name})
        )
        ids[key] = org.id
    people = {
        "territory_admin": ("ta@rdv.example", "org_a", AccessLevel.ADMIN, [pmi.id]),
        "admin": ("admin@rdv.example", "org_a", AccessLevel.ADMIN, [pmi.id]),
        "basic": ("basic@rdv.example", "org_a", AccessLevel.BASIC, [pmi.id]),
        "secretariat": ("secretariat@rdv.example", "org_a", AccessLevel.BASIC, [secretariat.id]),
        "foreign_admin": ("foreign@rdv.example", "org_c", AccessLevel.ADMIN, [pmi.id]),
        "colleague_b": ("colleague.b@rdv.example", "org_b", AccessLevel.ADMIN, [social.id]),
    }
    for role, (email, org, level, service_ids) in people.items():
        agent, _ = await invite_agent(
            ctx, SYSTEM, InviteAgent(ids[org], level, email, "Prénom", role.title(), service_ids)
        )
        ids[role] = agent.id
        await provision.set_agent_password(ctx, agent.id, PASSWORD)
    await provision.make_territory_admin(ctx, t62.id, ids["territory_admin"])
    for role in (*ROLES, "colleague_b"):
        response = await directory.sign_in(people[role][0])
        assert response.status_code == 200, response.text
        directory.tokens[role] = response.json()["access_token"]
    return directory
