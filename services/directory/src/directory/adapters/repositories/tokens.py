from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.auth_tables import account_tokens, api_tokens, refresh_tokens
from directory.domain.tokens import AccountToken, ApiToken, RefreshToken

from .base import SqlRepository


class RefreshTokenRepository(SqlRepository[RefreshToken]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, refresh_tokens, RefreshToken)

    async def by_hash(self, token_hash: str) -> RefreshToken | None:
        found = await self.find(refresh_tokens.c.token_hash == token_hash, limit=1)
        return found[0] if found else None

    async def revoke_family(self, family_id: str, at: datetime) -> None:
        await self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family_id == family_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    async def revoke_subject(self, subject: str, at: datetime) -> None:
        await self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.subject == subject, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )


class AccountTokenRepository(SqlRepository[AccountToken]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, account_tokens, AccountToken)

    async def by_hash(self, token_hash: str, purpose: str) -> AccountToken | None:
        found = await self.find(
            account_tokens.c.token_hash == token_hash, account_tokens.c.purpose == purpose
        )
        return found[0] if found else None

    async def spend(self, token_id: int, at: datetime) -> bool:
        """False when another transaction spent it first (the row lock makes them take turns)."""
        result = await self.session.execute(
            update(account_tokens)
            .where(account_tokens.c.id == token_id, account_tokens.c.used_at.is_(None))
            .values(used_at=at)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def use_all(self, purpose: str, subject: str, at: datetime) -> None:
        """Every link of `subject` for `purpose` still unused is spent."""
        await self.session.execute(
            update(account_tokens)
            .where(
                account_tokens.c.purpose == purpose,
                account_tokens.c.subject == subject,
                account_tokens.c.used_at.is_(None),
            )
            .values(used_at=at)
        )


class ApiTokenRepository(SqlRepository[ApiToken]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, api_tokens, ApiToken)

    async def by_hash(self, token_hash: str) -> ApiToken | None:
        found = await self.find(api_tokens.c.token_hash == token_hash, limit=1)
        return found[0] if found else None

    async def in_organisation(self, organisation_id: int) -> list[ApiToken]:
        return await self.find(api_tokens.c.organisation_id == organisation_id)
