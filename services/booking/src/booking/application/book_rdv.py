"""An usager (with an account) or a prescripteur (without one) books an RDV on a free slot.

Rules: the motif is individual and open to the caller (`everyone` for usagers, and
`agents_and_prescripteurs_and_invited_users` for an usager invited by the organisation, i.e. with
an invitation and a profile there; anything but `agents` for prescripteurs); a follow-up motif is
held only by the usager's referent agents; availability validates the slot (plage, delays,
absences, holidays) and names the agent; booking's own exclusion constraint has the final word, so
two usagers racing for one slot get one RDV and one 409; an usager books for themselves or a
relative; a prescripteur gives their own and the beneficiary's contact data; a retried request
with the same `Idempotency-Key` returns the first RDV. The answer is the usager's recap.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from rdv_contracts.booking import Beneficiary, CreatorType, Prescripteur, RdvStatus
from rdv_contracts.directory import BookableBy, Motif

from booking.application.events import PRESCRIPTEUR_ACTOR, publish_created, user_actor
from booking.application.ports import Caller, Clock, SlotRequest, SlotValidator, UnitOfWork, UnitOfWorkFactory
from booking.application.recap import Recap, recap_of
from booking.application.references import notified_by_default, usable_motif
from booking.application.slot_check import validated_slot
from booking.domain.errors import IdempotencyKeyReused, InvalidRdv, NotAllowed, RdvNotFound, SlotTaken
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv


@dataclass(frozen=True)
class BookRdv:
    motif_id: int
    lieu_id: int | None
    starts_at: datetime
    user_id: int | None = None
    """The account holder booking (usager caller)."""
    for_user_id: int | None = None
    """Themselves or one of their relatives; defaults to themselves."""
    prescripteur: Prescripteur | None = None
    beneficiary: Beneficiary | None = None
    idempotency_key: str | None = None

    @property
    def caller(self) -> Caller:
        return "user" if self.user_id is not None else "prescripteur"

    @property
    def scope(self) -> str:
        return f"user:{self.user_id}" if self.user_id is not None else "prescripteur"

    def fingerprint(self) -> str:
        return hashlib.sha256(
            repr(
                (
                    self.motif_id,
                    self.lieu_id,
                    self.starts_at.isoformat(),
                    self.for_user_id,
                    self.prescripteur,
                    self.beneficiary,
                )
            ).encode()
        ).hexdigest()


async def book_rdv(
    uow_factory: UnitOfWorkFactory, clock: Clock, validator: SlotValidator, cmd: BookRdv
) -> Recap:
    # One transaction: a concurrent request with the same key waits on the claim, then finds the RDV.
    async with uow_factory() as uow:
        if cmd.idempotency_key and not await uow.idempotency.claim(
            cmd.scope, cmd.idempotency_key, cmd.fingerprint()
        ):
            return await recap_of(uow, await _earlier_result(uow, cmd), clock())
        context = await uow.directory.motif_context(cmd.motif_id, cmd.lieu_id)
        motif = usable_motif(context.motif if context else None)
        invited = await _invited(uow, cmd, motif)
        _check_open_to(motif, cmd.caller, invited)
        participant = await _participant(uow, cmd, notified_by_default(motif))
        agent_ids = await _referents(uow, motif, participant)
        slot = await validated_slot(
            validator,
            SlotRequest(cmd.motif_id, cmd.lieu_id, cmd.starts_at, agent_ids, cmd.caller, invited=invited),
        )
        assert slot.agent_id is not None and slot.starts_at is not None and slot.ends_at is not None
        now = clock()
        rdv = Rdv(
            organisation_id=motif.organisation_id,
            motif_id=motif.id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            agent_ids=[slot.agent_id],
            participations=[participant],
            created_by=participant.created_by_type,
            created_by_id=cmd.user_id,
            created_at=now,
            lieu_id=slot.lieu_id,
            prescripteur=cmd.prescripteur,
        )
        await uow.rdvs.add(rdv)
        if await uow.rdvs.forced_overlap_exists(rdv):
            raise SlotTaken()
        if cmd.idempotency_key:
            assert rdv.id is not None
            await uow.idempotency.complete(cmd.scope, cmd.idempotency_key, rdv.id)
        publish_created(uow, rdv, user_actor(cmd.user_id) if cmd.user_id else PRESCRIPTEUR_ACTOR)
        recap = await recap_of(uow, rdv, now, context)
        await uow.commit()
    return recap


async def _invited(uow: UnitOfWork, cmd: BookRdv, motif: Motif) -> bool:
    """Only asked where it matters: the motif is open to invited usagers and not to everyone."""
    if cmd.user_id is None or motif.bookable_by is not BookableBy.AGENTS_AND_PRESCRIPTEURS_AND_INVITED_USERS:
        return False
    user = await uow.directory.user(cmd.user_id)
    return (
        user is not None
        and user.invited_through is not None
        and await uow.directory.has_profile(cmd.user_id, motif.organisation_id)
    )


def _check_open_to(motif: Motif, caller: Caller, invited: bool) -> None:
    if motif.collectif:
        raise InvalidRdv("motif_id", "Pour un atelier collectif, inscrivez-vous à une séance.")
    allowed = (
        motif.bookable_by is BookableBy.EVERYONE
        or (caller == "prescripteur" and motif.bookable_by is not BookableBy.AGENTS)
        or (invited and motif.bookable_by is BookableBy.AGENTS_AND_PRESCRIPTEURS_AND_INVITED_USERS)
    )
    if not allowed:
        raise NotAllowed("Ce motif ne peut pas être réservé en ligne.")


async def _referents(uow: UnitOfWork, motif: Motif, participant: Participation) -> list[int] | None:
    """A follow-up motif is held by the usager's referent agents only (reference §1.7)."""
    if not motif.follow_up:
        return None
    referents = await uow.directory.referent_ids(participant.user_id) if participant.user_id else []
    if not referents:
        raise NotAllowed("Ce motif est réservé au suivi par votre agent référent.")
    return referents


async def _participant(uow: UnitOfWork, cmd: BookRdv, notify: bool) -> Participation:
    if cmd.user_id is None:
        if cmd.prescripteur is None or cmd.beneficiary is None:
            raise InvalidRdv("prescripteur", "Le prescripteur et le bénéficiaire sont requis.")
        return Participation(
            None,
            RdvStatus.UNKNOWN,
            notify,
            notify,
            CreatorType.PRESCRIPTEUR,
            None,
            beneficiary=cmd.beneficiary,
        )
    for_user_id = cmd.for_user_id or cmd.user_id
    if for_user_id != cmd.user_id and for_user_id not in {
        u.id for u in await uow.directory.relatives(cmd.user_id)
    }:
        raise InvalidRdv("for_user_id", "Vous pouvez réserver pour vous-même ou l'un de vos proches.")
    return Participation(for_user_id, RdvStatus.UNKNOWN, notify, notify, CreatorType.USER, cmd.user_id)


async def _earlier_result(uow: UnitOfWork, cmd: BookRdv) -> Rdv:
    assert cmd.idempotency_key is not None
    stored = await uow.idempotency.find(cmd.scope, cmd.idempotency_key)
    if stored is None:
        raise RdvNotFound()
    fingerprint, rdv_id = stored
    if fingerprint != cmd.fingerprint():
        raise IdempotencyKeyReused()
    rdv = await uow.rdvs.get(rdv_id) if rdv_id is not None else None
    if rdv is None:
        raise RdvNotFound()
    return rdv
