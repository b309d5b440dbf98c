"""Exchange an organisation's API token for a short access token (integrations of a DSI).

- The token acts as an admin of its one organisation (`sub` = `api_token:<id>`).
- A revoked or unknown token is refused; failures are counted per client IP.
"""

from dataclasses import dataclass

from directory.application.context import Context
from directory.application.sessions import Session
from directory.domain.errors import AuthenticationFailed, TooManyAttempts
from directory.domain.tokens import digest


@dataclass(frozen=True)
class ExchangeApiToken:
    token: str
    client_ip: str


async def exchange_api_token(ctx: Context, command: ExchangeApiToken, ttl_seconds: int) -> Session:
    ip_key = f"ip:{command.client_ip}"
    if not await ctx.limiter.allowed(ip_key):
        raise TooManyAttempts("Trop de tentatives : réessayez dans quelques minutes")
    async with ctx.uow() as uow:
        token = await uow.api_tokens.by_hash(digest(command.token))
        if token is None or token.revoked_at is not None:
            await ctx.limiter.count_failure(ip_key)
            raise AuthenticationFailed("Jeton d'API invalide ou révoqué")
        token.last_used_at = ctx.clock()
        await uow.api_tokens.save(token)
        await uow.commit()
    claims = {
        "sub": f"api_token:{token.id}",
        "orgs": [{"id": token.organisation_id, "level": "admin"}],
        "territories": [],
        "services": [],
        "secretariat": False,
    }
    return Session(ctx.signer.sign(claims, ttl_seconds), None, ttl_seconds)
