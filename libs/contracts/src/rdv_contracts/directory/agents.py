"""Agents and their roles, as published by directory."""

from enum import StrEnum

from pydantic import Field, PositiveInt

from rdv_contracts.base import Contract, EntityDeleted, UtcDatetime


class RdvNotificationLevel(StrEnum):
    """When an agent gets an e-mail about their RDVs."""

    ALL = "all"
    OTHERS = "others"
    """Not for changes the agent made themselves."""
    SOON = "soon"
    """Like others, and only for RDVs today or tomorrow."""
    NONE = "none"


class NotificationLevel(StrEnum):
    ALL = "all"
    NONE = "none"


class AccessLevel(StrEnum):
    BASIC = "basic"
    ADMIN = "admin"
    INTERVENANT = "intervenant"
    """An agent without e-mail who cannot log in (e.g. "Guichet 1")."""


class Agent(Contract):
    """Full state of an agent. Calendar secrets and credentials never travel in events."""

    id: int
    email: str | None = Field(description="Null for intervenants")
    first_name: str | None = None
    last_name: str
    external_id: str | None = None
    service_ids: list[int] = Field(default_factory=list)
    organisation_ids: list[int] = Field(
        default_factory=list, description="Organisations where the agent has a role (see agent_role)"
    )
    rdv_notifications_level: RdvNotificationLevel = RdvNotificationLevel.OTHERS
    plage_ouverture_notification_level: NotificationLevel = NotificationLevel.ALL
    absence_notification_level: NotificationLevel = NotificationLevel.ALL
    deleted_at: UtcDatetime | None = Field(default=None, description="Soft deletion")
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class AgentCreated(Agent):
    """An agent was created; the payload is their full state."""


class AgentUpdated(Agent):
    """An agent changed (including soft deletion); the payload is their full new state."""


class AgentDeleted(EntityDeleted):
    """An agent was removed for good."""


class AgentRole(Contract):
    """An agent's role in one organisation (unique per agent and organisation)."""

    id: int
    agent_id: int
    organisation_id: int
    access_level: AccessLevel = AccessLevel.BASIC
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class AgentRoleCreated(AgentRole):
    """An agent joined an organisation."""


class AgentRoleUpdated(AgentRole):
    """An agent's access level in an organisation changed."""


class AgentRoleDeleted(EntityDeleted):
    """An agent left an organisation."""

    agent_id: int
    organisation_id: int


class AgentTerritorialRole(Contract):
    """The agent is an administrator of the territory (espace)."""

    id: int
    agent_id: int
    territory_id: int


class AgentTerritorialRoleCreated(AgentTerritorialRole):
    """An agent became a territory administrator."""


class AgentTerritorialRoleDeleted(EntityDeleted):
    """An agent is no longer a territory administrator."""

    agent_id: int
    territory_id: int
