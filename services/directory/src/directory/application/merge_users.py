"""Merge two records of the same usager (seeds: "Fusionner deux usagers").

- The caller sees both usagers; they choose which fields come from the merged one, the kept one's
  empty fields are filled from the merged one.
- The merged usager's profiles, referents and relatives move to the kept one; its account (if any)
  goes when the kept one has none.
- `user.merged` tells booking to move RDVs; then the merged usager is deleted (`user.deleted`, tombstone).
"""

from dataclasses import dataclass, field

from rdv_contracts.directory import UserMerged
from rdv_contracts.registry import envelope

from directory.application.access import user_for
from directory.application.context import Context
from directory.application.publishing import publish_deletion, publish_state, publish_user
from directory.domain.caller import Caller
from directory.domain.errors import InvalidField
from directory.domain.memberships import ReferentAssignation, UserProfile
from directory.domain.users import User, merge


@dataclass(frozen=True)
class MergeUsers:
    user_id: int
    merged_user_id: int
    take_from_merged: set[str] = field(default_factory=set)


async def merge_users(ctx: Context, caller: Caller, command: MergeUsers) -> User:
    if command.user_id == command.merged_user_id:
        raise InvalidField("merged_user_id", "doit être différent de l'usager conservé")
    async with ctx.uow() as uow:
        kept = await user_for(uow, caller, command.user_id, for_update=True)
        merged = await user_for(uow, caller, command.merged_user_id, for_update=True)
        result = merge(kept, merged, command.take_from_merged)
        merged_email = merged.email
        merged.email = None  # frees the unique e-mail before the kept user may take it
        await uow.users.save(merged)
        credentials = await uow.user_credentials.get(merged.id)
        takes_account = merged_email and result.email == merged_email and credentials is not None
        if takes_account and credentials is not None and await uow.user_credentials.get(kept.id) is None:
            await uow.user_credentials.put(kept.id, *credentials)
        result.validate(ctx.clock().date())
        kept = await uow.users.save(result)
        organisation_id = None
        have = {p.organisation_id for p in await uow.user_profiles.of_user(kept.id)}
        for profile in await uow.user_profiles.of_user(merged.id):
            organisation_id = organisation_id or profile.organisation_id
            await uow.user_profiles.remove(profile.id)
            publish_deletion(
                uow,
                profile,
                profile.organisation_id,
                user_id=merged.id,
                organisation_id=profile.organisation_id,
            )
            if profile.organisation_id not in have:
                moved = await uow.user_profiles.add(
                    UserProfile(user_id=kept.id, organisation_id=profile.organisation_id)
                )
                publish_state(uow, moved, created=True, organisation_id=profile.organisation_id)
        referents = {r.agent_id for r in await uow.referents.of_user(kept.id)}
        for referent in await uow.referents.of_user(merged.id):
            await uow.referents.remove(referent.id)
            publish_deletion(uow, referent, None, user_id=merged.id, agent_id=referent.agent_id)
            if referent.agent_id not in referents:
                added = await uow.referents.add(
                    ReferentAssignation(user_id=kept.id, agent_id=referent.agent_id)
                )
                publish_state(uow, added, created=True, organisation_id=None)
        for relative in await uow.users.relatives(merged.id):
            relative.responsible_id = kept.id
            await publish_user(uow, await uow.users.save(relative), created=False)
        await publish_user(uow, kept, created=False)
        uow.publish(
            envelope(
                UserMerged(user_id=kept.id, merged_user_id=merged.id),
                aggregate_id=kept.id,
                organisation_id=organisation_id,
            )
        )
        await uow.refresh_tokens.revoke_subject(f"user:{merged.id}", ctx.clock())
        await uow.users.remove(merged.id)
        publish_deletion(uow, merged, organisation_id)
        await uow.commit()
    return kept
