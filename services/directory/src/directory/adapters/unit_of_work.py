"""The directory's unit of work: the chassis transaction + outbox, with every repository on its session."""

from typing import Self

from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork

from directory.adapters.repositories.agents import (
    AgentRepository,
    AgentRoleRepository,
    TerritorialRoleRepository,
)
from directory.adapters.repositories.motif_categories import MotifCategoryRepository
from directory.adapters.repositories.organisations import (
    OrganisationRepository,
    ServiceRepository,
    TerritoryRepository,
)
from directory.adapters.repositories.places import LieuRepository, MotifRepository
from directory.adapters.repositories.rdv_facts import RdvFactRepository
from directory.adapters.repositories.teams import TeamRepository
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
from directory.application.ports import people, places, tokens


class DirectoryUnitOfWork(SqlUnitOfWork):
    """Each repository is declared with its port, so mypy checks that the adapter meets it."""

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        session = self.session
        self.territories: places.Territories = TerritoryRepository(session)
        self.services: places.Services = ServiceRepository(session)
        self.organisations: places.Organisations = OrganisationRepository(session)
        self.agents: people.Agents = AgentRepository(session)
        self.agent_roles: people.AgentRoles = AgentRoleRepository(session)
        self.territorial_roles: people.TerritorialRoles = TerritorialRoleRepository(session)
        self.users: people.Users = UserRepository(session)
        self.user_search: people.UserSearch = UserSearch(session)
        self.user_profiles: people.UserProfiles = UserProfileRepository(session)
        self.user_credentials: people.UserCredentials = UserCredentialRepository(session)
        self.referents: people.Referents = ReferentRepository(session)
        self.lieux: places.Lieux = LieuRepository(session)
        self.motifs: places.Motifs = MotifRepository(session)
        self.refresh_tokens: tokens.RefreshTokens = RefreshTokenRepository(session)
        self.account_tokens: tokens.AccountTokens = AccountTokenRepository(session)
        self.api_tokens: tokens.ApiTokens = ApiTokenRepository(session)
        self.motif_categories: places.MotifCategories = MotifCategoryRepository(session)
        self.teams: places.Teams = TeamRepository(session)
        self.rdv_facts: places.RdvFacts = RdvFactRepository(session)
        return self
