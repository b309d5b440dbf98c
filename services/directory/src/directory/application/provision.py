"""Platform operations with no API (demo data, CLI): territories, services, an agent's password.

- A territory is created with its first territory admin, so "at least one" holds from the start.
- Services are global; a name is created once (idempotent).
"""

import asyncio
from collections.abc import Mapping
from typing import Any

from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.publishing import publish_state, publish_territory
from directory.domain.agents import AgentTerritorialRole
from directory.domain.passwords import check_password
from directory.domain.territories import Service, Territory
from directory.domain.users import User

TERRITORY_FIELDS = [name for name in Territory.__dataclass_fields__ if name not in ("id", "version")]


async def ensure_territory(ctx: Context, values: Mapping[str, Any], service_ids: list[int]) -> Territory:
    territory = apply_changes(Territory(name="", departement_number=""), values, TERRITORY_FIELDS)
    territory.validate()
    async with ctx.uow() as uow:
        existing = await uow.territories.by_name(territory.name)
        if existing is not None:
            return existing
        territory = await uow.territories.add(territory)
        await uow.territories.set_service_ids(territory.id, service_ids)
        await publish_territory(uow, territory, created=True)
        await uow.commit()
    return territory


async def ensure_service(ctx: Context, name: str, short_name: str) -> Service:
    service = Service(name=name, short_name=short_name)
    service.validate()
    async with ctx.uow() as uow:
        existing = await uow.services.by_name(name)
        if existing is not None:
            return existing
        service = await uow.services.add(service)
        publish_state(uow, service, created=True, organisation_id=None)
        await uow.commit()
    return service


async def make_territory_admin(ctx: Context, territory_id: int, agent_id: int) -> None:
    async with ctx.uow() as uow:
        if await uow.territorial_roles.of(agent_id, territory_id) is None:
            role = await uow.territorial_roles.add(
                AgentTerritorialRole(agent_id=agent_id, territory_id=territory_id)
            )
            publish_state(uow, role, created=True, organisation_id=None)
            await uow.commit()


async def set_agent_password(ctx: Context, agent_id: int, password: str) -> None:
    check_password(password)
    password_hash = await asyncio.to_thread(ctx.passwords.hash, password)
    async with ctx.uow() as uow:
        await uow.agents.set_password_hash(agent_id, password_hash)
        await uow.commit()


async def set_user_password(ctx: Context, user: User, password: str) -> None:
    """A confirmed usager account (demo data)."""
    check_password(password)
    password_hash = await asyncio.to_thread(ctx.passwords.hash, password)
    async with ctx.uow() as uow:
        await uow.user_credentials.put(user.id, password_hash, ctx.clock())
        await uow.commit()
