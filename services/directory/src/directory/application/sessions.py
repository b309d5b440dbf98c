"""Access tokens (short JWTs) and rotating refresh tokens, shared by every sign-in use case."""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.domain.tokens import RefreshToken, digest, new_secret


@dataclass(frozen=True)
class Session:
    access_token: str
    refresh_token: str | None
    expires_in: int
    token_type: str = "Bearer"


async def agent_claims(uow: UnitOfWork, agent_id: int) -> dict[str, Any]:
    """The claims of docs/conventions.md, which every service reads through the chassis Principal."""
    memberships = await uow.agents.memberships(agent_id)
    service_ids = await uow.agents.service_ids(agent_id)
    services = await uow.services.by_ids(service_ids)
    return {
        "sub": f"agent:{agent_id}",
        "orgs": [{"id": m.organisation_id, "level": m.access_level} for m in memberships],
        "territories": await uow.agents.territories_administered(agent_id),
        "services": service_ids,
        "secretariat": any(s.is_secretariat for s in services),
    }


def user_claims(user_id: int) -> dict[str, Any]:
    return {"sub": f"user:{user_id}"}


async def open_session(
    ctx: Context, uow: UnitOfWork, claims: dict[str, Any], family_id: str | None = None
) -> Session:
    refresh = new_secret("rt_")
    await uow.refresh_tokens.add(
        RefreshToken(
            family_id=family_id or uuid.uuid4().hex,
            token_hash=digest(refresh),
            subject=claims["sub"],
            expires_at=ctx.clock() + timedelta(seconds=ctx.auth.refresh_token_ttl_seconds),
        )
    )
    ttl = ctx.auth.access_token_ttl_seconds
    return Session(ctx.signer.sign(claims, ttl), refresh, ttl)
