"""In-memory doubles of the directory's ports, for handler tests without IO.

Only the repositories the tested handlers use exist; a handler reaching for another one fails loudly.
"""

import dataclasses
import json
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Generic, Self, TypeVar

from directory.application.context import Context
from directory.domain.agents import Agent
from directory.domain.memberships import Membership
from directory.domain.territories import Service
from directory.domain.tokens import AccountToken, RefreshToken
from rdv_contracts.envelope import EventEnvelope

E = TypeVar("E")


class MemoryRepository(Generic[E]):
    def __init__(self) -> None:
        self.rows: dict[int, E] = {}

    async def get(self, entity_id: int, *, for_update: bool = False) -> E | None:
        row = self.rows.get(entity_id)
        return None if row is None else dataclasses.replace(row)

    async def add(self, entity: E) -> E:
        stored = dataclasses.replace(entity, id=len(self.rows) + 1)
        self.rows[stored.id] = stored
        return dataclasses.replace(stored)

    async def save(self, entity: E) -> E:
        self.rows[entity.id] = dataclasses.replace(entity)
        return entity

    async def remove(self, entity_id: int) -> None:
        self.rows.pop(entity_id, None)


class MemoryAgents(MemoryRepository[Agent]):
    def __init__(self) -> None:
        super().__init__()
        self.password_hashes: dict[int, str | None] = {}
        self.roles: dict[int, list[Membership]] = {}

    async def by_email(self, email: str) -> Agent | None:
        return next((a for a in self.rows.values() if a.email == email.strip().lower()), None)

    async def password_hash(self, agent_id: int) -> str | None:
        return self.password_hashes.get(agent_id)

    async def set_password_hash(self, agent_id: int, password_hash: str | None) -> None:
        self.password_hashes[agent_id] = password_hash

    async def memberships(self, agent_id: int) -> list[Membership]:
        return self.roles.get(agent_id, [])

    async def service_ids(self, agent_id: int) -> list[int]:
        return []

    async def territories_administered(self, agent_id: int) -> list[int]:
        return []


class MemoryServices(MemoryRepository[Service]):
    async def by_ids(self, ids: list[int]) -> list[Service]:
        return [s for s in self.rows.values() if s.id in ids]


class MemoryAccountTokens(MemoryRepository[AccountToken]):
    async def by_hash(self, token_hash: str, purpose: str) -> AccountToken | None:
        return next(
            (t for t in self.rows.values() if (t.token_hash, t.purpose) == (token_hash, purpose)), None
        )

    async def spend(self, token_id: int, at: datetime) -> bool:
        token = self.rows[token_id]
        if token.used_at is not None:
            return False
        token.used_at = at
        return True

    async def use_all(self, purpose: str, subject: str, at: datetime) -> None:
        for token in self.rows.values():
            if (token.purpose, token.subject, token.used_at) == (purpose, subject, None):
                token.used_at = at


class MemoryRefreshTokens(MemoryRepository[RefreshToken]):
    async def by_hash(self, token_hash: str) -> RefreshToken | None:
        return next((t for t in self.rows.values() if t.token_hash == token_hash), None)

    async def revoke_family(self, family_id: str, at: datetime) -> None:
        for token in self.rows.values():
            if token.family_id == family_id and token.revoked_at is None:
                token.revoked_at = at

    async def revoke_subject(self, subject: str, at: datetime) -> None:
        for token in self.rows.values():
            if token.subject == subject and token.revoked_at is None:
                token.revoked_at = at


class MemoryStore:
    """What outlives one unit of work: the repositories' rows and the committed events."""

    def __init__(self) -> None:
        self.agents = MemoryAgents()
        self.services = MemoryServices()
        self.account_tokens = MemoryAccountTokens()
        self.refresh_tokens = MemoryRefreshTokens()
        self.events: list[EventEnvelope] = []
        self.commits = 0


class FakeUnitOfWork:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.agents, self.services = store.agents, store.services
        self.account_tokens, self.refresh_tokens = store.account_tokens, store.refresh_tokens
        self._pending: list[EventEnvelope] = []

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_: object) -> None:
        self._pending = []

    def publish(self, envelope: EventEnvelope) -> None:
        self._pending.append(envelope)

    def publish_tombstone(self, topic: str, key: str) -> None:
        raise AssertionError("no handler tested here deletes an entity")

    async def commit(self) -> None:
        self.store.events += self._pending
        self.store.commits += 1


class FakeHasher:
    def __init__(self) -> None:
        self.burnt = 0

    def hash(self, password: str) -> str:
        return f"hashed:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == f"hashed:{password}"

    def burn_time(self, password: str) -> None:
        self.burnt += 1


class FakeSigner:
    def sign(self, claims: Mapping[str, Any], ttl_seconds: int) -> str:
        return json.dumps(dict(claims))


class FakeLimiter:
    def __init__(self, limit: int = 5) -> None:
        self.limit = limit
        self.failures: Counter[str] = Counter()

    async def allowed(self, *keys: str) -> bool:
        return all(self.failures[key] < self.limit for key in keys)

    async def count_failure(self, *keys: str) -> None:
        self.failures.update(keys)

    async def reset(self, *keys: str) -> None:
        for key in keys:
            del self.failures[key]


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class NoSecrets:
    def encrypt(self, plaintext: str) -> bytes:
        raise AssertionError("not used here")

    def decrypt(self, ciphertext: bytes) -> str:
        raise AssertionError("not used here")


def fake_context(store: MemoryStore, clock: FakeClock, limiter: FakeLimiter | None = None) -> Context:
    return Context(
        uow=lambda: FakeUnitOfWork(store),
        passwords=FakeHasher(),
        signer=FakeSigner(),
        limiter=limiter or FakeLimiter(),
        secrets=NoSecrets(),
        clock=clock,
        public_base_url="https://rdv.example",
    )
