"""The directory's unit of work: the chassis transaction + outbox, with every repository on its session."""

from typing import Self

from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork

from directory.adapters.repositories.agents import (
    AgentRepository,
    AgentRoleRepository,
    TerritorialRoleRepository,
)
from directory.adapters.repositories.organisations import (
    OrganisationRepository,
    ServiceRepository,
    TerritoryRepository,
)
from directory.adapters.repositories.places import LieuRepository, MotifRepository
from directory.adapters.repositories.rdv_facts import RdvFactRepository
from directory.adapters.repositories.tokens import (
    AccountTokenRepository,
    ApiTokenRepository,
    RefreshTokenRepository,
)
from directory.adapters.repositories.user_search import UserSearch
from directory.adapters.repositories.users import (
    ReferentRepository,
    UserCredentialRepository,
    UserProfileRepository,
    UserRepository,
)


class DirectoryUnitOfWork(SqlUnitOfWork):
    async def __aenter__(self) -> Self:
        await super().__aenter__()
        session = self.session
        self.territories = TerritoryRepository(session)
        self.services = ServiceRepository(session)
        self.organisations = OrganisationRepository(session)
        self.agents = AgentRepository(session)
        self.agent_roles = AgentRoleRepository(session)
        self.territorial_roles = TerritorialRoleRepository(session)
        self.users = UserRepository(session)
        self.user_search = UserSearch(session)
        self.user_profiles = UserProfileRepository(session)
        self.user_credentials = UserCredentialRepository(session)
        self.referents = ReferentRepository(session)
        self.lieux = LieuRepository(session)
        self.motifs = MotifRepository(session)
        self.refresh_tokens = RefreshTokenRepository(session)
        self.account_tokens = AccountTokenRepository(session)
        self.api_tokens = ApiTokenRepository(session)
        self.rdv_facts = RdvFactRepository(session)
        return self
