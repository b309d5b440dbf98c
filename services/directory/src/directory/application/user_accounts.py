"""Usager accounts: sign-up with e-mail verification, confirmation, sign-in.

- Sign-up needs names, an e-mail and a password of the policy; the account works once the e-mail is
  confirmed through the link sent by the notifications service (`user.email_verification_requested`).
- Signing up again with an unconfirmed e-mail sends a new link. The answer never tells whether an
  e-mail is already known.
- A usager record created by an agent with that e-mail gets the account once the e-mail is confirmed.
- Sign-in: same answer and duration for an unknown e-mail, a wrong password or an unconfirmed e-mail;
  failures are rate-limited per account and per IP like agents'.
"""

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from rdv_contracts.directory import CreatedThrough, UserEmailVerificationRequested
from rdv_contracts.registry import envelope

from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_user
from directory.application.sessions import Session, open_session, user_claims
from directory.application.sign_in_agent import TOO_MANY, WRONG_CREDENTIALS, SignIn, limiter_keys
from directory.domain.errors import AuthenticationFailed, InvalidField, TooManyAttempts
from directory.domain.passwords import check_password
from directory.domain.tokens import AccountToken, digest, new_secret
from directory.domain.users import User

VERIFICATION = "user_email_verification"


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
    token = new_secret()
    expires_at = ctx.clock() + timedelta(seconds=ctx.auth.email_verification_ttl_seconds)
    await uow.account_tokens.add(AccountToken(VERIFICATION, f"user:{user.id}", digest(token), expires_at))
    request = UserEmailVerificationRequested(
        user_id=user.id,
        email=user.email or "",
        first_name=user.first_name,
        last_name=user.last_name,
        url=ctx.link("/users/confirmation", token),
        expires_at=expires_at,
    )
    uow.publish(envelope(request, aggregate_id=user.id, organisation_id=None))


@dataclass(frozen=True)
class ConfirmEmail:
    token: str


async def confirm_user_email(ctx: Context, command: ConfirmEmail) -> None:
    now = ctx.clock()
    async with ctx.uow() as uow:
        token = await uow.account_tokens.by_hash(digest(command.token), VERIFICATION)
        if token is None or not token.usable(now):
            raise InvalidField("token", "lien de confirmation invalide ou expiré")
        await uow.user_credentials.mark_verified(int(token.subject.partition(":")[2]), now)
        token.used_at = now
        await uow.account_tokens.save(token)
        await uow.commit()


async def sign_in_user(ctx: Context, command: SignIn) -> Session:
    keys = limiter_keys(command)
    if not ctx.limiter.allowed(*keys):
        raise TooManyAttempts(TOO_MANY)
    async with ctx.uow() as uow:
        user = await uow.users.by_email(command.email)
        credentials = await uow.user_credentials.get(user.id) if user and user.deleted_at is None else None
        if credentials is None:
            await asyncio.to_thread(ctx.passwords.burn_time, command.password)
        elif (
            await asyncio.to_thread(ctx.passwords.verify, credentials[0], command.password) and credentials[1]
        ):
            assert user is not None and user.id is not None
            session = await open_session(ctx, uow, user_claims(user.id))
            await uow.commit()
            ctx.limiter.reset(keys[0])
            return session
    ctx.limiter.count_failure(*keys)
    raise AuthenticationFailed(WRONG_CREDENTIALS)
