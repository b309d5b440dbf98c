"""An admin of an organisation creates an API token for an integration (a DSI's information system).

- Only an admin of the organisation (or of its territory) creates one; it needs a name.
- The secret is shown once, in this answer; only its SHA-256 digest is stored.
"""

from dataclasses import dataclass

from directory.application.access import organisation_for
from directory.application.context import Context
from directory.domain.caller import Caller
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
