"""Storage of refresh tokens, single-use account links and organisations' API tokens (digests only)."""

from datetime import datetime
from typing import Protocol

from directory.application.ports.repository import Repository
from directory.domain.tokens import AccountToken, ApiToken, RefreshToken


class RefreshTokens(Repository[RefreshToken], Protocol):
    async def by_hash(self, token_hash: str) -> RefreshToken | None: ...

    async def revoke_family(self, family_id: str, at: datetime) -> None: ...

    async def revoke_subject(self, subject: str, at: datetime) -> None:
        """Every session of `agent:<id>` or `user:<id>` ends."""


class AccountTokens(Repository[AccountToken], Protocol):
    async def by_hash(self, token_hash: str, purpose: str) -> AccountToken | None: ...

    async def spend(self, token_id: int, at: datetime) -> bool:
        """Marks the link used; False when it already was (another request spent it first)."""

    async def use_all(self, purpose: str, subject: str, at: datetime) -> None:
        """Every link of `subject` for `purpose` still unused is spent."""


class ApiTokens(Repository[ApiToken], Protocol):
    async def by_hash(self, token_hash: str) -> ApiToken | None: ...

    async def in_organisation(self, organisation_id: int) -> list[ApiToken]: ...
