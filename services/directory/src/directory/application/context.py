"""Everything the use cases are given by the composition root."""

from dataclasses import dataclass

from directory.application.ports import (
    AttemptLimiter,
    Clock,
    PasswordHasher,
    SecretBox,
    TokenSigner,
    UnitOfWorkFactory,
)


@dataclass(frozen=True)
class AuthPolicy:
    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_seconds: int = 14 * 24 * 3600
    invitation_ttl_seconds: int = 7 * 24 * 3600
    email_verification_ttl_seconds: int = 2 * 24 * 3600
    password_reset_ttl_seconds: int = 2 * 3600


@dataclass(frozen=True)
class Context:
    uow: UnitOfWorkFactory
    passwords: PasswordHasher
    signer: TokenSigner
    limiter: AttemptLimiter
    secrets: SecretBox
    clock: Clock
    public_base_url: str
    auth: AuthPolicy = AuthPolicy()

    def link(self, path: str, token: str) -> str:
        return f"{self.public_base_url.rstrip('/')}{path}?token={token}"
