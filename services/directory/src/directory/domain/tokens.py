"""Secrets handed to people (refresh tokens, account links, API tokens): random, stored hashed."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

TOKEN_BYTES = 32  # 256 bits: far beyond guessing, so a plain SHA-256 digest is enough to store them.


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(TOKEN_BYTES)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class RefreshToken:
    family_id: str
    token_hash: str
    subject: str
    expires_at: datetime
    id: int = 0  # 0 until stored
    rotated_at: datetime | None = None
    revoked_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.rotated_at is None and self.revoked_at is None and self.expires_at > now


@dataclass
class AccountToken:
    """Single-use link: agent invitation, usager e-mail verification, password reset."""

    purpose: str
    subject: str
    token_hash: str
    expires_at: datetime
    id: int = 0  # 0 until stored
    used_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.used_at is None and self.expires_at > now


@dataclass
class ApiToken:
    organisation_id: int
    name: str
    token_hash: str
    created_at: datetime
    id: int = 0  # 0 until stored
    created_by_agent_id: int | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
