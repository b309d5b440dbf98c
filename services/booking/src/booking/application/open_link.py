"""An usager opens a participation link ("Infos et annulation" in SMS and e-mails) with the last-name check.

Rules (product decisions, "Usager self-service"): the link `/r/<rdv_id>/<token>` carries a token
derived from the participation (docs/conventions.md), recomputed here and compared in constant
time; it opens the RDV after the first 3 letters of the participant's last name (case, accents and
spaces ignored) until the RDV has ended; 5 wrong answers lock it for 15 minutes and raise
`rdv.link_locked` so the usager is warned; each client IP is rate-limited; every attempt is logged;
success opens a 10-minute session. Unknown tokens and wrong letters get the same answer.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from rdv_contracts import booking as bk
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope

from booking.application.ports import AttemptLimiter, Clock, ParticipationLink, UnitOfWork, UnitOfWorkFactory
from booking.domain.errors import BookingError, LinkLocked, TooManyAttempts, WrongLetters
from booking.domain.last_name import letters_match
from booking.domain.link_lock import SESSION_DURATION
from booking.domain.link_token import matching_participation
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


@dataclass(frozen=True)
class OpenLink:
    rdv_id: int
    token: str
    letters: str
    client: str


@dataclass(frozen=True)
class LinkSession:
    token: str
    expires_at: datetime
    rdv_id: int


async def open_link(
    uow_factory: UnitOfWorkFactory, clock: Clock, limiter: AttemptLimiter, link_secret: str, cmd: OpenLink
) -> LinkSession:
    retry_after = await limiter.hit(cmd.client)
    if retry_after is not None:
        raise TooManyAttempts(retry_after)
    now = clock()
    async with uow_factory() as uow:
        participation_id = _presented(link_secret, cmd, await uow.links.candidates(cmd.rdv_id), now)
        link = await uow.links.attempts_for_update(participation_id) if participation_id else None
        outcome, refusal = await _check(uow, cmd.rdv_id, link, cmd.letters, now)
        await uow.links.log_attempt(participation_id, cmd.client, outcome)
        session = None
        if refusal is None and link is not None:
            session = LinkSession(secrets.token_urlsafe(16), now + SESSION_DURATION, cmd.rdv_id)
            await uow.links.open_session(token_hash(session.token), link.participation_id, session.expires_at)
        await uow.commit()
    if refusal is not None:
        raise refusal
    assert session is not None
    return session


def _presented(
    secret: str, cmd: OpenLink, candidates: tuple[datetime, list[int]] | None, now: datetime
) -> int | None:
    if candidates is None or candidates[0] < now:
        return None
    return matching_participation(secret, cmd.rdv_id, candidates[1], cmd.token)


async def _check(
    uow: UnitOfWork, rdv_id: int, link: ParticipationLink | None, letters: str, now: datetime
) -> tuple[str, BookingError | None]:
    if link is None:
        return "unknown", WrongLetters()
    if link.attempts.is_locked(now):
        return "locked", LinkLocked()
    rdv = await uow.rdvs.get(rdv_id)
    assert rdv is not None
    participation = rdv.participation(link.participation_id)
    if letters_match(await _last_name(uow, participation), letters):
        link.attempts.record_success()
        await uow.links.save_attempts(link)
        return "success", None
    if link.attempts.record_failure(now):
        uow.publish(_locked_event(rdv, participation, link))
    await uow.links.save_attempts(link)
    return "wrong", WrongLetters()


async def _last_name(uow: UnitOfWork, participation: Participation) -> str:
    if participation.beneficiary is not None:
        return participation.beneficiary.last_name
    user = await uow.directory.user(participation.user_id) if participation.user_id else None
    return user.last_name if user else ""


def _locked_event(rdv: Rdv, participation: Participation, link: ParticipationLink) -> EventEnvelope:
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
    return envelope(locked, aggregate_id=rdv.id, organisation_id=rdv.organisation_id)
