"""Teams (équipes) of agents in a territory, as published by directory."""

from pydantic import Field, PositiveInt

from rdv_contracts.base import Contract, EntityDeleted


class Team(Contract):
    """Full state of a team: agents of one territory grouped under a name unique in that territory.

    Agents' slot searches take a team as a filter (its members)."""

    id: int
    territory_id: int
    name: str
    agent_ids: list[int] = Field(default_factory=list, description="Members, in ascending id order")
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class TeamCreated(Team):
    """A team was created; the payload is its full state."""


class TeamUpdated(Team):
    """A team changed (name or members); the payload is its full new state."""


class TeamDeleted(EntityDeleted):
    """A team was deleted; a tombstone follows."""
