"""The team filter of the agent search: a team stands for its members.

- Teams and agents chosen together add up: the search covers the agents chosen and every member of
  the teams chosen (as the existing "Trouver un RDV" form does).
- A team is searched only with a motif of its own territory; an unknown team or one of another
  territory answers 404. A team without members leaves no agent to search.
"""

from availability.application.ports import TeamReader
from availability.domain.errors import NotFound


async def agents_of_teams(
    team_ids: frozenset[int], agent_ids: frozenset[int], territory_id: int | None, teams: TeamReader
) -> frozenset[int]:
    found = await teams.members(team_ids)
    members: set[int] = set(agent_ids)
    for team_id in team_ids:
        team = found.get(team_id)
        if team is None or team[0] != territory_id:
            raise NotFound("équipe introuvable")
        members |= team[1]
    return frozenset(members)
