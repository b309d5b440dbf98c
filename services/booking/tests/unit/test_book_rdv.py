"""The public booking handler with fake ports (availability's answer is the fake's)."""

from datetime import UTC, datetime, timedelta

import pytest
from booking.application.book_rdv import BookRdv, book_rdv
from booking.application.ports import SlotDecision
from booking.domain.errors import InvalidRdv, NotAllowed, SlotTaken
from rdv_contracts.booking import Beneficiary, Prescripteur
from rdv_contracts.directory import BookableBy, InvitedThrough, Motif, User

from .fakes import FakeDirectory, FakeRdvs, FakeSlots, FakeUnitOfWork

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STARTS = NOW + timedelta(days=2)
OPEN = Motif(id=1, organisation_id=4, service_id=1, name="Accueil", bookable_by=BookableBy.EVERYONE)
FREE = SlotDecision(True, agent_id=7, lieu_id=3, starts_at=STARTS, ends_at=STARTS + timedelta(minutes=20))


def world(motif: Motif = OPEN) -> FakeUnitOfWork:
    return FakeUnitOfWork(FakeRdvs(), FakeDirectory(motifs={motif.id: motif}))


async def test_the_agent_and_times_come_from_availability():
    uow = world()

    rdv = (await book_rdv(lambda: uow, lambda: NOW, FakeSlots(FREE), BookRdv(1, 3, STARTS, user_id=9))).rdv

    assert (rdv.agent_ids, rdv.organisation_id, rdv.duration_in_min) == ([7], 4, 20)
    assert [e.event_type for e in uow.committed] == ["rdv.created"]


@pytest.mark.parametrize(
    ("reason", "error"),
    [("agent_busy", SlotTaken), ("not_bookable_by_caller", NotAllowed), ("outside_plage", InvalidRdv)],
)
async def test_a_refused_slot_is_never_booked(reason, error):
    uow = world()
    refused = FakeSlots(SlotDecision(False, reason=reason, message="Non"))

    with pytest.raises(error):
        await book_rdv(lambda: uow, lambda: NOW, refused, BookRdv(1, 3, STARTS, user_id=9))

    assert uow.rdvs.stored == {} and uow.committed == []


async def test_a_prescripteur_needs_no_account_but_must_name_the_beneficiary():
    uow = world(OPEN.model_copy(update={"bookable_by": BookableBy.AGENTS_AND_PRESCRIPTEURS}))
    prescripteur = Prescripteur(first_name="A", last_name="B", email="a@example.org")

    with pytest.raises(InvalidRdv):
        await book_rdv(
            lambda: uow, lambda: NOW, FakeSlots(FREE), BookRdv(1, 3, STARTS, prescripteur=prescripteur)
        )
    recap = await book_rdv(
        lambda: uow,
        lambda: NOW,
        FakeSlots(FREE),
        BookRdv(
            1, 3, STARTS, prescripteur=prescripteur, beneficiary=Beneficiary(first_name="C", last_name="D")
        ),
    )
    rdv = recap.rdv

    assert rdv.participations[0].user_id is None and rdv.prescripteur == prescripteur


async def test_usagers_book_only_motifs_open_to_everyone():
    uow = world(OPEN.model_copy(update={"bookable_by": BookableBy.AGENTS_AND_PRESCRIPTEURS}))
    slots = FakeSlots(FREE)

    with pytest.raises(NotAllowed):
        await book_rdv(lambda: uow, lambda: NOW, slots, BookRdv(1, 3, STARTS, user_id=9))

    assert slots.requests == []


INVITED_ONLY = OPEN.model_copy(update={"bookable_by": BookableBy.AGENTS_AND_PRESCRIPTEURS_AND_INVITED_USERS})


def invited_world(invited_through: InvitedThrough | None, profile: bool) -> FakeUnitOfWork:
    uow = world(INVITED_ONLY)
    uow.directory.users[9] = User(id=9, first_name="A", last_name="B", invited_through=invited_through)
    if profile:
        uow.directory.profiles.add((9, INVITED_ONLY.organisation_id))
    return uow


async def test_an_invited_usager_books_a_motif_open_to_invited_usagers_and_says_so_to_availability():
    uow, slots = invited_world(InvitedThrough.EXTERNAL, profile=True), FakeSlots(FREE)

    await book_rdv(lambda: uow, lambda: NOW, slots, BookRdv(1, 3, STARTS, user_id=9))

    assert slots.requests[0].invited is True and slots.requests[0].caller == "user"


@pytest.mark.parametrize(("invited_through", "profile"), [(None, True), (InvitedThrough.EXTERNAL, False)])
async def test_without_an_invitation_into_the_organisation_the_motif_is_refused(invited_through, profile):
    uow, slots = invited_world(invited_through, profile), FakeSlots(FREE)

    with pytest.raises(NotAllowed):
        await book_rdv(lambda: uow, lambda: NOW, slots, BookRdv(1, 3, STARTS, user_id=9))

    assert slots.requests == []


async def test_an_open_motif_is_validated_as_not_invited():
    uow, slots = world(), FakeSlots(FREE)

    await book_rdv(lambda: uow, lambda: NOW, slots, BookRdv(1, 3, STARTS, user_id=9))

    assert slots.requests[0].invited is False and slots.requests[0].agent_ids is None


async def test_a_follow_up_motif_is_validated_for_the_usagers_referents_only():
    uow, slots = world(OPEN.model_copy(update={"follow_up": True})), FakeSlots(FREE)
    uow.directory.referents[9] = [7, 8]

    await book_rdv(lambda: uow, lambda: NOW, slots, BookRdv(1, 3, STARTS, user_id=9))

    assert slots.requests[0].agent_ids == [7, 8]


async def test_a_follow_up_motif_without_referent_is_refused():
    uow, slots = world(OPEN.model_copy(update={"follow_up": True})), FakeSlots(FREE)

    with pytest.raises(NotAllowed):
        await book_rdv(lambda: uow, lambda: NOW, slots, BookRdv(1, 3, STARTS, user_id=9))
