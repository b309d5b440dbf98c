"""An admin of the organisation revokes one of its API tokens.

- A revoked token can no longer be exchanged for an access token; access tokens already issued
  expire within 15 minutes. Revoking twice changes nothing.
"""

from directory.application.access import organisation_for
from directory.application.context import Context
from directory.domain.caller import Caller
from directory.domain.errors import NotFound


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
