from datetime import UTC, datetime, timedelta

import pytest
from booking.domain.errors import RuleRefused
from booking.domain.last_name import expected_letters, letters_match
from booking.domain.link_lock import LOCK_DURATION, LinkAttempts
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.domain.self_service import ensure_cancellable_by_user, ensure_movable_by_user
from rdv_contracts.booking import CreatorType, RdvStatus
from rdv_contracts.directory import BookableBy, Motif

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MOTIF = Motif(id=1, organisation_id=1, service_id=1, name="Accueil", bookable_by=BookableBy.EVERYONE)


def rdv_at(starts_at: datetime, created_by: CreatorType = CreatorType.USER) -> Rdv:
    return Rdv(
        organisation_id=1,
        motif_id=1,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        agent_ids=[3],
        participations=[Participation(9, RdvStatus.UNKNOWN, True, True, created_by, 9)],
        created_by=created_by,
        created_by_id=9,
        created_at=NOW,
    )


def test_user_can_cancel_more_than_four_hours_before():
    ensure_cancellable_by_user(rdv_at(NOW + timedelta(hours=4, seconds=1)), MOTIF, NOW)


def test_user_cannot_cancel_four_hours_before():
    with pytest.raises(RuleRefused, match="secrétariat"):
        ensure_cancellable_by_user(rdv_at(NOW + timedelta(hours=4)), MOTIF, NOW)


def test_user_cannot_cancel_when_the_motif_forbids_it():
    with pytest.raises(RuleRefused):
        ensure_cancellable_by_user(
            rdv_at(NOW + timedelta(days=3)), MOTIF.model_copy(update={"rdvs_cancellable_by_user": False}), NOW
        )


def test_user_can_move_what_they_booked_more_than_two_days_before():
    ensure_movable_by_user(rdv_at(NOW + timedelta(days=2, seconds=1)), MOTIF, NOW)


@pytest.mark.parametrize(
    ("starts_in", "created_by", "bookable_by"),
    [
        (timedelta(days=2), CreatorType.USER, BookableBy.EVERYONE),
        (timedelta(days=5), CreatorType.AGENT, BookableBy.EVERYONE),
        (timedelta(days=5), CreatorType.USER, BookableBy.AGENTS_AND_PRESCRIPTEURS),
    ],
)
def test_user_cannot_move_too_late_an_agents_rdv_or_a_motif_not_open_to_them(
    starts_in, created_by, bookable_by
):
    with pytest.raises(RuleRefused):
        ensure_movable_by_user(
            rdv_at(NOW + starts_in, created_by), MOTIF.model_copy(update={"bookable_by": bookable_by}), NOW
        )


@pytest.mark.parametrize(
    ("last_name", "answer"),
    [
        ("Dupont", "DUP"),
        ("De La Fontaine", "del"),
        ("Xi", "xi"),
        ("Élodie", "elo"),
        ("Le Bœuf", "LEB"),
        ("N'Diaye", "ndi"),
    ],
)
def test_the_first_three_letters_ignore_case_accents_spaces_and_apostrophes(last_name, answer):
    assert letters_match(last_name, answer)


def test_other_letters_and_empty_names_never_match():
    assert not letters_match("Dupont", "DUR")
    assert not letters_match("Dupont", "DUPO")
    assert not letters_match("", "")
    assert expected_letters("  Ô ") == "o"


def test_the_fifth_wrong_answer_locks_the_link_for_fifteen_minutes():
    attempts = LinkAttempts()

    locks = [attempts.record_failure(NOW) for _ in range(5)]

    assert locks == [False, False, False, False, True]
    assert attempts.is_locked(NOW + LOCK_DURATION - timedelta(seconds=1))
    assert not attempts.is_locked(NOW + LOCK_DURATION)


def test_after_the_lock_the_counter_starts_again():
    attempts = LinkAttempts()
    for _ in range(5):
        attempts.record_failure(NOW)

    assert attempts.record_failure(NOW + LOCK_DURATION) is False
    assert attempts.failed_attempts == 1
