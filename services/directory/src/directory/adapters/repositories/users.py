from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from directory.adapters.auth_tables import rdv_facts
from directory.adapters.tables import referent_assignations, user_credentials, user_profiles, users
from directory.domain.memberships import ReferentAssignation, UserProfile
from directory.domain.users import User

from .base import SqlRepository


class UserRepository(SqlRepository[User]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, users, User)

    async def by_email(self, email: str) -> User | None:
        found = await self.find(users.c.email == email.strip().lower(), limit=1)
        return found[0] if found else None

    async def relatives(self, user_id: int) -> list[User]:
        return await self.find(users.c.responsible_id == user_id, users.c.deleted_at.is_(None))

    async def responsible_chain(self, user_id: int, depth: int = 5) -> list[int]:
        chain: list[int] = []
        current: int | None = user_id
        while current is not None and len(chain) < depth:
            query = select(users.c.responsible_id).where(users.c.id == current)
            current = (await self.session.execute(query)).scalar_one_or_none()
            if current is not None:
                chain.append(current)
        return chain

    async def inactive_since(self, cutoff: datetime, limit: int) -> list[User]:
        """Retention: no change since `cutoff`, no RDV ever known, no relatives."""
        relative = users.alias("relative")
        where = [
            users.c.updated_at < cutoff,
            users.c.deleted_at.is_(None),
            ~exists().where(rdv_facts.c.user_ids.any_() == users.c.id),
            ~exists().where(relative.c.responsible_id == users.c.id),
        ]
        return await self.find(*where, limit=limit)


class UserProfileRepository(SqlRepository[UserProfile]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, user_profiles, UserProfile)

    async def of_user(self, user_id: int) -> list[UserProfile]:
        return await self.find(user_profiles.c.user_id == user_id)

    async def of(self, user_id: int, organisation_id: int) -> UserProfile | None:
        found = await self.find(
            user_profiles.c.user_id == user_id, user_profiles.c.organisation_id == organisation_id
        )
        return found[0] if found else None


class ReferentRepository(SqlRepository[ReferentAssignation]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, referent_assignations, ReferentAssignation)

    async def of_user(self, user_id: int) -> list[ReferentAssignation]:
        return await self.find(referent_assignations.c.user_id == user_id)

    async def of(self, user_id: int, agent_id: int) -> ReferentAssignation | None:
        found = await self.find(
            referent_assignations.c.user_id == user_id, referent_assignations.c.agent_id == agent_id
        )
        return found[0] if found else None

    async def of_agent(self, agent_id: int) -> list[ReferentAssignation]:
        return await self.find(referent_assignations.c.agent_id == agent_id)


class UserCredentialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> tuple[str, datetime | None] | None:
        query = select(user_credentials.c.password_hash, user_credentials.c.email_verified_at).where(
            user_credentials.c.user_id == user_id
        )
        row = (await self.session.execute(query)).first()
        return None if row is None else (row[0], row[1])

    async def put(self, user_id: int, password_hash: str, email_verified_at: datetime | None) -> None:
        statement = insert(user_credentials).values(
            user_id=user_id, password_hash=password_hash, email_verified_at=email_verified_at
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[user_credentials.c.user_id],
                set_={
                    "password_hash": statement.excluded.password_hash,
                    "email_verified_at": statement.excluded.email_verified_at,
                },
            )
        )

    async def mark_verified(self, user_id: int, at: datetime) -> None:
        await self.session.execute(
            user_credentials.update()
            .where(user_credentials.c.user_id == user_id)
            .values(email_verified_at=at)
        )

    async def erase(self, user_id: int) -> None:
        await self.session.execute(user_credentials.delete().where(user_credentials.c.user_id == user_id))
