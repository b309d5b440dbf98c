"""Participation links ("Infos et annulation" in SMS and e-mails) and the last-name check.

Rules (product decisions, "Usager self-service"): the token has 128 random bits and only its
SHA-256 is stored (high entropy: a slow hash adds nothing); the link opens the RDV after the first
3 letters of the participant's last name (case, accents and spaces ignored); 5 wrong answers lock
it for 15 minutes and raise `rdv.link_locked` so the usager is warned; each client IP is
rate-limited; every attempt that reaches a link is logged; success opens a 10-minute session.
Unknown tokens and wrong letters get the same answer.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from rdv_contracts import booking as bk
from rdv_contracts.registry import envelope

from booking.application.agent_access import visible_rdv
from booking.application.ports import AttemptLimiter, Clock, ParticipationLink, UnitOfWork, UnitOfWorkFactory
from booking.domain.errors import BookingError, LinkLocked, RdvNotFound, TooManyAttempts, WrongLetters
from booking.domain.last_name import letters_match
from booking.domain.link_lock import SESSION_DURATION
from booking.domain.rights import AgentAccess


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def new_token() -> str:
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class IssuedLink:
    token: str
    expires_at: datetime


async def issue_link(
    uow_factory: UnitOfWorkFactory, access: AgentAccess, participation_id: int
) -> IssuedLink:
    """A fresh token for one participation; the previous one stops working, the attempt counter stays."""
    token = new_token()
    async with uow_factory() as uow:
        rdv_id = await uow.rdvs.rdv_id_of_participation(participation_id)
        if rdv_id is None:
            raise RdvNotFound("Participation introuvable.")
        rdv = await visible_rdv(uow, access, rdv_id)
        await uow.links.issue(participation_id, token_hash(token), rdv.ends_at)
        await uow.commit()
    return IssuedLink(token, rdv.ends_at)


@dataclass(frozen=True)
class LinkSession:
    token: str
    expires_at: datetime
    rdv_id: int


async def open_link(
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    limiter: AttemptLimiter,
    token: str,
    letters: str,
    client: str,
) -> LinkSession:
    retry_after = await limiter.hit(client)
    if retry_after is not None:
        raise TooManyAttempts(retry_after)
    now = clock()
    async with uow_factory() as uow:
        link = await uow.links.find_for_update(token_hash(token))
        outcome, refusal = await _check(uow, link, letters, now)
        await uow.links.log_attempt(link.participation_id if link else None, client, outcome)
        session = None
        if refusal is None and link is not None:
            session = LinkSession(new_token(), now + SESSION_DURATION, link.rdv_id)
            await uow.links.open_session(token_hash(session.token), link.participation_id, session.expires_at)
        await uow.commit()
    if refusal is not None:
        raise refusal
    assert session is not None
    return session


async def _check(
    uow: UnitOfWork, link: ParticipationLink | None, letters: str, now: datetime
) -> tuple[str, BookingError | None]:
    if link is None or link.expires_at < now:
        return "unknown", WrongLetters()
    if link.attempts.is_locked(now):
        return "locked", LinkLocked()
    rdv = await uow.rdvs.get(link.rdv_id)
    assert rdv is not None
    participation = rdv.participation(link.participation_id)
    if participation.beneficiary is not None:
        last_name = participation.beneficiary.last_name
    else:
        user = await uow.directory.user(participation.user_id) if participation.user_id else None
        last_name = user.last_name if user else ""
    if letters_match(last_name, letters):
        link.attempts.record_success()
        await uow.links.save_attempts(link)
        return "success", None
    if link.attempts.record_failure(now):
        assert rdv.id is not None and link.attempts.locked_until is not None
        locked = bk.RdvLinkLocked(
            rdv_id=rdv.id,
            rdv_uuid=rdv.uuid,
            participation_id=link.participation_id,
            user_id=participation.user_id,
            beneficiary=participation.beneficiary,
            failed_attempts=link.attempts.failed_attempts,
            locked_until=link.attempts.locked_until,
        )
        uow.publish(envelope(locked, aggregate_id=rdv.id, organisation_id=rdv.organisation_id))
    await uow.links.save_attempts(link)
    return "wrong", WrongLetters()
