"""An usager's presence in an organisation (user_profile).

- Any member of the organisation adds or removes an usager they can see.
- An usager is not removed from an organisation while they or their relatives have upcoming,
  non-cancelled RDVs there (the answer lists them).
- Removing the last profile anonymises the usager (reference §1.5): names, contacts and notes are
  erased, their account stops working; the record stays for the RDV history.
"""

from directory.application.access import organisation_for, user_for
from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_deletion, publish_state, publish_user
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, NotFound
from directory.domain.memberships import UserProfile, describe_rdvs
from directory.domain.users import User


async def add_user_profile(ctx: Context, caller: Caller, user_id: int, organisation_id: int) -> UserProfile:
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id)
        await user_for(uow, caller, user_id)
        if await uow.user_profiles.of(user_id, organisation_id) is not None:
            raise Conflict("L'usager fait déjà partie de l'organisation")
        profile = await uow.user_profiles.add(UserProfile(user_id=user_id, organisation_id=organisation_id))
        publish_state(uow, profile, created=True, organisation_id=organisation_id)
        await uow.commit()
    return profile


async def remove_user_profile(ctx: Context, caller: Caller, user_id: int, organisation_id: int) -> None:
    async with ctx.uow() as uow:
        await organisation_for(uow, caller, organisation_id)
        user = await user_for(uow, caller, user_id, for_update=True)
        profile = await uow.user_profiles.of(user_id, organisation_id)
        if profile is None:
            raise NotFound("usager introuvable")
        family = [user_id, *[r.id for r in await uow.users.relatives(user_id) if r.id is not None]]
        upcoming = await uow.rdv_facts.upcoming_for_users(family, organisation_id, ctx.clock())
        if upcoming:
            raise Conflict(f"L'usager a des RDV à venir dans l'organisation : {describe_rdvs(upcoming)}")
        await uow.user_profiles.remove(profile.id)
        publish_deletion(uow, profile, organisation_id, user_id=user_id, organisation_id=organisation_id)
        if not await uow.user_profiles.of_user(user_id):
            await anonymise(ctx, uow, user)
        await uow.commit()


async def anonymise(ctx: Context, uow: UnitOfWork, user: User) -> None:
    assert user.id is not None
    user.anonymise(ctx.clock())
    await uow.user_credentials.erase(user.id)
    await uow.refresh_tokens.revoke_subject(f"user:{user.id}", ctx.clock())
    await publish_user(uow, await uow.users.save(user), created=False)
