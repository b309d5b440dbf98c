"""Organisation-scoped API tokens for integrations.

- Only an admin of the organisation creates, lists or revokes them.
- The secret is shown once, at creation; only its SHA-256 digest is stored.
- A revoked token can no longer be exchanged for an access token.
"""

from dataclasses import dataclass

from directory.application.access import organisation_for
from directory.application.context import Context
from directory.domain.caller import Caller
from directory.domain.errors import NotFound
from directory.domain.territories import require_text
from directory.domain.tokens import ApiToken, digest, new_secret


@dataclass(frozen=True)
class CreateApiToken:
    organisation_id: int
    name: str


async def create_api_token(ctx: Context, caller: Caller, command: CreateApiToken) -> tuple[ApiToken, str]:
    require_text("name", command.name)
    secret = new_secret("rdv_")
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, command.organisation_id, admin=True)
        token = await uow.api_tokens.add(
            ApiToken(
                organisation_id=command.organisation_id,
                name=command.name.strip(),
                token_hash=digest(secret),
                created_at=ctx.clock(),
                created_by_agent_id=caller.id if caller.kind == "agent" else None,
            )
        )
        await uow.commit()
    return token, secret


async def list_api_tokens(ctx: Context, caller: Caller, organisation_id: int) -> list[ApiToken]:
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id, admin=True)
        return await uow.api_tokens.in_organisation(organisation_id)


async def revoke_api_token(ctx: Context, caller: Caller, token_id: int) -> None:
    async with ctx.uow() as uow:
        token = await uow.api_tokens.get(token_id)
        if token is None:
            raise NotFound("jeton introuvable")
        await organisation_for(uow, caller, token.organisation_id, admin=True)
        if token.revoked_at is None:
            token.revoked_at = ctx.clock()
            await uow.api_tokens.save(token)
            await uow.commit()
