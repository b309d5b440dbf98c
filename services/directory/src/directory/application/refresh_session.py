"""Exchange a refresh token for a new access token and a new refresh token.

- Each refresh token works once: it is rotated, the new one belongs to the same family.
- Presenting a token that was already rotated means it leaked: the whole family is revoked.
- Claims are read again, so a role change reaches the next access token.
- A removed agent or usager gets no new token.
"""

from dataclasses import dataclass

from directory.application.context import Context
from directory.application.sessions import Session, agent_claims, open_session, user_claims
from directory.domain.errors import AuthenticationFailed
from directory.domain.tokens import digest

INVALID = "Session expirée : veuillez vous reconnecter"


@dataclass(frozen=True)
class RefreshSession:
    refresh_token: str


async def refresh_session(ctx: Context, command: RefreshSession) -> Session:
    now = ctx.clock()
    async with ctx.uow() as uow:
        token = await uow.refresh_tokens.by_hash(digest(command.refresh_token))
        if token is None:
            raise AuthenticationFailed(INVALID)
        if token.rotated_at is not None and token.revoked_at is None:
            await uow.refresh_tokens.revoke_family(token.family_id, now)
            await uow.commit()
            raise AuthenticationFailed(INVALID)
        if not token.usable(now):
            raise AuthenticationFailed(INVALID)
        kind, _, raw_id = token.subject.partition(":")
        if kind == "agent":
            agent = await uow.agents.get(int(raw_id))
            if agent is None or agent.deleted_at is not None:
                raise AuthenticationFailed(INVALID)
            claims = await agent_claims(uow, int(raw_id))
        else:
            user = await uow.users.get(int(raw_id))
            if user is None or user.deleted_at is not None or user.anonymised_at is not None:
                raise AuthenticationFailed(INVALID)
            claims = user_claims(int(raw_id))
        token.rotated_at = now
        await uow.refresh_tokens.save(token)
        session = await open_session(ctx, uow, claims, family_id=token.family_id)
        await uow.commit()
    return session
