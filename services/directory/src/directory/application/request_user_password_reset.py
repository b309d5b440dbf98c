"""An usager with an account asks for a link to choose a new password ("Mot de passe oublié").

- The answer is the same whether the e-mail has an account or not; only an usager with an account
  gets the link (`user.password_reset_requested`, e-mailed by the notifications service).
- The link works once, for 2 hours; asking again makes the previous link stop working.
- Requests are limited per e-mail and per client IP.
"""

from rdv_contracts.directory import UserPasswordResetRequested
from rdv_contracts.registry import envelope

from directory.application.account_links import issue_link
from directory.application.context import Context
from directory.application.password_resets import RequestPasswordReset, count_request

USER_PASSWORD_RESET = "user_password_reset"


async def request_user_password_reset(ctx: Context, command: RequestPasswordReset) -> None:
    await count_request(ctx, command)
    async with ctx.uow() as uow:
        user = await uow.users.by_email(command.email)
        if user is None or user.deleted_at is not None or not user.email:
            return
        if await uow.user_credentials.get(user.id) is None:
            return
        secret, expires_at = await issue_link(
            ctx, uow, USER_PASSWORD_RESET, f"user:{user.id}", ctx.auth.password_reset_ttl_seconds
        )
        request = UserPasswordResetRequested(
            user_id=user.id,
            email=user.email,
            first_name=user.first_name,
            last_name=user.last_name,
            url=ctx.link("/users/password/edit", secret),
            expires_at=expires_at,
        )
        uow.publish(envelope(request, aggregate_id=user.id, organisation_id=None))
        await uow.commit()
