"""Referent agents of an usager (required for follow-up motifs).

- A member of one of the usager's organisations assigns or unassigns an agent they can see.
"""

from directory.application.access import agent_for, user_for
from directory.application.context import Context
from directory.application.publishing import publish_deletion, publish_state
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, NotFound
from directory.domain.memberships import ReferentAssignation


async def assign_referent(ctx: Context, caller: Caller, user_id: int, agent_id: int) -> ReferentAssignation:
    async with ctx.uow() as uow:
        await user_for(uow, caller, user_id)
        await agent_for(uow, caller, agent_id)
        if await uow.referents.of(user_id, agent_id) is not None:
            raise Conflict("Cet agent est déjà référent de l'usager")
        referent = await uow.referents.add(ReferentAssignation(user_id=user_id, agent_id=agent_id))
        profiles = await uow.user_profiles.of_user(user_id)
        publish_state(
            uow, referent, created=True, organisation_id=profiles[0].organisation_id if profiles else None
        )
        await uow.commit()
    return referent


async def unassign_referent(ctx: Context, caller: Caller, user_id: int, agent_id: int) -> None:
    async with ctx.uow() as uow:
        await user_for(uow, caller, user_id)
        referent = await uow.referents.of(user_id, agent_id)
        if referent is None:
            raise NotFound("référent introuvable")
        await uow.referents.remove(referent.id)
        publish_deletion(uow, referent, None, user_id=user_id, agent_id=agent_id)
        await uow.commit()
