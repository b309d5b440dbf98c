"""Data retention (product decisions, "Data protection"): usagers with no RDV and no change for two
years are deleted, with `reason: "rgpd"` on their `user.deleted` and `user_profile.deleted` events.

Runs daily in the worker, in batches, each batch in its own transaction.
"""

from datetime import timedelta

from directory.application.context import Context
from directory.application.publishing import publish_deletion

RETENTION = timedelta(days=2 * 365)
RGPD = "rgpd"


async def delete_inactive_users(ctx: Context, batch_size: int = 200) -> int:
    deleted = 0
    cutoff = ctx.clock() - RETENTION
    while True:
        async with ctx.uow() as uow:
            users = await uow.users.inactive_since(cutoff, batch_size)
            for user in users:
                assert user.id is not None
                for profile in await uow.user_profiles.of_user(user.id):
                    publish_deletion(
                        uow,
                        profile,
                        profile.organisation_id,
                        RGPD,
                        user_id=user.id,
                        organisation_id=profile.organisation_id,
                    )
                for referent in await uow.referents.of_user(user.id):
                    publish_deletion(uow, referent, None, RGPD, user_id=user.id, agent_id=referent.agent_id)
                await uow.users.remove(user.id)
                publish_deletion(uow, user, None, RGPD)
            await uow.commit()
        deleted += len(users)
        if len(users) < batch_size:
            return deleted
