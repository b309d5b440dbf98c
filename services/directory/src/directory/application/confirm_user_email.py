"""An usager confirms their e-mail address through the link sent at sign-up; the account then works.

- The link works once and for 2 days; only the latest link sent works.
"""

from dataclasses import dataclass

from directory.application.account_links import use_link
from directory.application.context import Context
from directory.application.sign_up_user import EMAIL_VERIFICATION

INVALID_LINK = "lien de confirmation invalide ou expiré"


@dataclass(frozen=True)
class ConfirmEmail:
    token: str


async def confirm_user_email(ctx: Context, command: ConfirmEmail) -> None:
    async with ctx.uow() as uow:
        user_id = await use_link(ctx, uow, EMAIL_VERIFICATION, command.token, INVALID_LINK)
        await uow.user_credentials.mark_verified(user_id, ctx.clock())
        await uow.commit()
