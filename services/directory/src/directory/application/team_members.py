"""Teams follow their members: an agent is in a team only while working in its territory."""

from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_state


async def leave_teams_outside(uow: UnitOfWork, agent_id: int) -> None:
    """Takes the agent out of the teams of territories where they no longer have a role."""
    working_in = {m.territory_id for m in await uow.agents.memberships(agent_id)}
    for team in await uow.teams.with_member(agent_id):
        if team.territory_id not in working_in:
            team.agent_ids = [member for member in team.agent_ids if member != agent_id]
            publish_state(uow, await uow.teams.save(team), created=False, organisation_id=None)
