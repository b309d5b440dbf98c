"""The API tokens of an organisation (names, dates; never the secrets), for its admins only."""

from directory.application.access import organisation_for
from directory.application.context import Context
from directory.domain.caller import Caller
from directory.domain.tokens import ApiToken


async def list_api_tokens(ctx: Context, caller: Caller, organisation_id: int) -> list[ApiToken]:
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id, admin=True)
        return await uow.api_tokens.in_organisation(organisation_id)
