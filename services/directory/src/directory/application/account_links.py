"""Single-use links sent by e-mail (invitations, e-mail confirmations, password resets).

The secret travels only in the e-mail; the directory keeps its SHA-256 digest, the purpose, whom it
is for and until when it works.
"""

from datetime import datetime, timedelta

from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.domain.errors import InvalidField
from directory.domain.tokens import AccountToken, digest, new_secret


async def issue_link(
    ctx: Context, uow: UnitOfWork, purpose: str, subject: str, ttl_seconds: int
) -> tuple[str, datetime]:
    """A new secret for `subject`; the links it was sent before for `purpose` stop working."""
    now = ctx.clock()
    await uow.account_tokens.use_all(purpose, subject, now)
    secret, expires_at = new_secret(), now + timedelta(seconds=ttl_seconds)
    await uow.account_tokens.add(AccountToken(purpose, subject, digest(secret), expires_at))
    return secret, expires_at


async def use_link(ctx: Context, uow: UnitOfWork, purpose: str, secret: str, invalid: str) -> int:
    """The id of the agent or usager the link is for; it will not work again once committed."""
    now = ctx.clock()
    token = await uow.account_tokens.by_hash(digest(secret), purpose)
    if token is None or not token.usable(now) or not await uow.account_tokens.spend(token.id, now):
        raise InvalidField("token", invalid)
    await uow.account_tokens.use_all(purpose, token.subject, now)
    return int(token.subject.partition(":")[2])
