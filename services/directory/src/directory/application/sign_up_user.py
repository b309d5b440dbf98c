"""An usager creates an account: names, e-mail, password; it works once the e-mail is confirmed.

- The password follows the policy of agents' (12+ characters, digit, uppercase, special character).
- The link to confirm the address is e-mailed by the notifications service
  (`user.email_verification_requested`); it works once, for 2 days.
- Signing up again with an unconfirmed e-mail sends a new link (the previous one stops working). The
  answer never tells whether an e-mail is already known.
- An usager record created by an agent with that e-mail gets the account once the e-mail is confirmed.
"""

import asyncio
from dataclasses import dataclass

from rdv_contracts.directory import CreatedThrough, UserEmailVerificationRequested
from rdv_contracts.registry import envelope

from directory.application.account_links import issue_link
from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_user
from directory.domain.passwords import check_password
from directory.domain.users import User

EMAIL_VERIFICATION = "user_email_verification"


@dataclass(frozen=True)
class SignUp:
    first_name: str
    last_name: str
    email: str
    password: str


async def sign_up_user(ctx: Context, command: SignUp) -> None:
    check_password(command.password)
    candidate = User(
        first_name=command.first_name,
        last_name=command.last_name,
        email=command.email,
        created_through=CreatedThrough.USER_SIGN_UP,
    )
    candidate.validate(ctx.clock().date())
    password_hash = await asyncio.to_thread(ctx.passwords.hash, command.password)
    async with ctx.uow() as uow:
        assert candidate.email is not None
        user = await uow.users.by_email(candidate.email)
        if user is None:
            user = await uow.users.add(candidate)
            await publish_user(uow, user, created=True)
        credentials = await uow.user_credentials.get(user.id)
        if credentials is not None and credentials[1] is not None:
            return  # already confirmed: nothing to do, and nothing to reveal
        await uow.user_credentials.put(user.id, password_hash, None)
        await _request_verification(ctx, uow, user)
        await uow.commit()


async def _request_verification(ctx: Context, uow: UnitOfWork, user: User) -> None:
    secret, expires_at = await issue_link(
        ctx, uow, EMAIL_VERIFICATION, f"user:{user.id}", ctx.auth.email_verification_ttl_seconds
    )
    request = UserEmailVerificationRequested(
        user_id=user.id,
        email=user.email or "",
        first_name=user.first_name,
        last_name=user.last_name,
        url=ctx.link("/users/confirmation", secret),
        expires_at=expires_at,
    )
    uow.publish(envelope(request, aggregate_id=user.id, organisation_id=None))
