"""Sign out: the refresh token's family is revoked, so neither it nor its successors work again.

Access tokens already issued stay valid until they expire (15 minutes): services verify them offline.
"""

from dataclasses import dataclass

from directory.application.context import Context
from directory.domain.tokens import digest


@dataclass(frozen=True)
class SignOut:
    refresh_token: str


async def sign_out(ctx: Context, command: SignOut) -> None:
    async with ctx.uow() as uow:
        token = await uow.refresh_tokens.by_hash(digest(command.refresh_token))
        if token is not None:
            await uow.refresh_tokens.revoke_family(token.family_id, ctx.clock())
            await uow.commit()
