from datetime import UTC, datetime, timedelta

import pytest
from booking.domain.errors import InvalidRdv, RdvFull
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.domain.statuses import status_label
from rdv_contracts.booking import CreatorType, RdvStatus

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
S = RdvStatus


def person(user_id: int, status: RdvStatus = S.UNKNOWN) -> Participation:
    return Participation(user_id, status, True, True, CreatorType.AGENT, 1)


def rdv(*participations: Participation, collectif: bool = False, capacity: int | None = None) -> Rdv:
    return Rdv(
        organisation_id=1,
        motif_id=2,
        starts_at=NOW + timedelta(days=1),
        ends_at=NOW + timedelta(days=1, minutes=30),
        agent_ids=[3],
        participations=list(participations),
        created_by=CreatorType.AGENT,
        created_by_id=3,
        created_at=NOW,
        collectif=collectif,
        max_participants_count=capacity,
    )


@pytest.mark.parametrize(
    ("rdv_status", "before", "after"),
    [
        (S.REVOKED, [S.UNKNOWN, S.EXCUSED], [S.REVOKED, S.EXCUSED]),
        (S.EXCUSED, [S.UNKNOWN, S.SEEN], [S.EXCUSED, S.EXCUSED]),
        (S.SEEN, [S.UNKNOWN, S.EXCUSED], [S.SEEN, S.EXCUSED]),
        (S.NOSHOW, [S.WAITING, S.SEEN], [S.NOSHOW, S.SEEN]),
        (S.UNKNOWN, [S.REVOKED, S.EXCUSED], [S.UNKNOWN, S.UNKNOWN]),
    ],
)
def test_participations_follow_the_rdv_status(rdv_status, before, after):
    subject = rdv(*(person(n, s) for n, s in enumerate(before)))

    subject.set_status(rdv_status, NOW)

    assert [p.status for p in subject.participations] == after


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([S.SEEN, S.NOSHOW], S.SEEN),
        ([S.EXCUSED, S.EXCUSED], S.EXCUSED),
        ([S.REVOKED, S.REVOKED], S.REVOKED),
        ([S.NOSHOW, S.NOSHOW], S.NOSHOW),
        ([S.EXCUSED, S.REVOKED], S.EXCUSED),
        ([S.NOSHOW, S.UNKNOWN], S.UNKNOWN),
    ],
)
def test_a_participation_change_recomputes_an_individual_rdv(statuses, expected):
    subject = rdv(person(1), *(person(n + 2, s) for n, s in enumerate(statuses[1:])))

    subject.set_participation_status(subject.participations[0], statuses[0], NOW)

    assert subject.status is expected


def test_cancelling_sets_cancelled_at_and_frees_the_agents():
    subject = rdv(person(1))

    subject.set_status(S.REVOKED, NOW)

    assert subject.cancelled_at == NOW and not subject.guards_agents and subject.users_count == 0


def test_a_collective_rdv_is_only_unknown_seen_or_revoked():
    with pytest.raises(InvalidRdv):
        rdv(collectif=True).set_status(S.NOSHOW, NOW)


def test_a_collective_rdv_never_takes_more_than_its_capacity():
    subject = rdv(person(1), collectif=True, capacity=1)

    with pytest.raises(RdvFull):
        subject.add_participation(person(2))


def test_an_individual_rdv_needs_an_usager():
    with pytest.raises(InvalidRdv, match="usager"):
        rdv()


def test_every_change_increments_version_and_ics_sequence():
    subject = rdv(person(1))

    subject.touch(NOW)

    assert (subject.version, subject.sequence) == (2, 1)


def test_unknown_becomes_to_fill_in_once_its_day_has_passed():
    today = NOW.date()

    assert status_label(S.UNKNOWN, today, today) == "À venir"
    assert status_label(S.UNKNOWN, today - timedelta(days=1), today) == "À renseigner"
    assert status_label(S.EXCUSED, today, today, for_user=True) == "Annulé à l'initiative de l'usager"
