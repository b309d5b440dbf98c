from datetime import UTC, date, datetime

import pytest
from directory.domain import rights
from directory.domain.caller import Caller
from directory.domain.contact import fix_email_typos, normalise_phone
from directory.domain.errors import Conflict, InvalidField, NotAllowed, NotFound
from directory.domain.passwords import check_password
from directory.domain.places import Motif, check_availability_change, check_used_motif_change
from directory.domain.users import User, check_no_cycle, merge
from rdv_contracts.directory import LieuAvailability, LocationType


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [
        ("Jean.@Gmial.com", "jean@gmail.com"),
        ("a..b@orange.fr", "a.b@orange.fr"),
        (" x@hotmail.ft ", "x@hotmail.fr"),
    ],
)
def test_common_email_typos_are_fixed(typed, fixed):
    assert fix_email_typos(typed) == fixed


@pytest.mark.parametrize(
    ("number", "e164", "mobile"),
    [
        ("06 12 34 56 78", "+33612345678", True),
        ("01 23 45 67 89", "+33123456789", False),
        ("0690 12 34 56", "+590690123456", True),
        ("0262 12 34 56", "+262262123456", False),
        ("+33 7 81 23 45 67", "+33781234567", True),
    ],
)
def test_french_and_overseas_numbers_are_stored_in_e164(number, e164, mobile):
    phone = normalise_phone(number)
    assert (phone.e164, phone.mobile) == (e164, mobile)


def test_an_invalid_number_names_the_field():
    with pytest.raises(InvalidField) as error:
        normalise_phone("12345")
    assert error.value.field == "phone_number"


@pytest.mark.parametrize(
    "password", ["Court-1", "sans-majuscule-123", "SANS-CHIFFRE-abc", "SansSpecial12345"]
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(InvalidField):
        check_password(password)


def test_a_common_password_is_refused_even_when_complex():
    with pytest.raises(InvalidField):
        check_password("Azertyuiop123!")
    check_password("Rdv-Demo-2026!")


def test_birth_date_must_be_realistic():
    today = date(2026, 11, 22)
    with pytest.raises(InvalidField):
        User("A", "B", birth_date=date(2027, 1, 1)).validate(today)
    with pytest.raises(InvalidField):
        User("A", "B", birth_date=date(1890, 1, 1)).validate(today)
    User("A", "B", birth_date=date(1950, 1, 1)).validate(today)


def test_relatives_cannot_form_a_cycle():
    with pytest.raises(InvalidField):
        check_no_cycle(1, 2, [1])
    with pytest.raises(InvalidField):
        check_no_cycle(1, 2, [3])
    check_no_cycle(1, 2, [])


def test_motif_validations_of_the_reference():
    with pytest.raises(InvalidField, match="sur place"):
        Motif(1, 1, "Atelier", collectif=True, location_type=LocationType.PHONE).validate(False)
    with pytest.raises(InvalidField):
        Motif(1, 1, "Suivi", for_secretariat=True, follow_up=True).validate(False)
    with pytest.raises(InvalidField):
        Motif(1, 1, "Délais", min_public_booking_delay=3600, max_public_booking_delay=3600).validate(False)
    with pytest.raises(InvalidField):
        Motif(1, 1, "Accueil").validate(service_is_secretariat=True)
    with pytest.raises(InvalidField):
        check_used_motif_change(Motif(1, 1, "A"), Motif(1, 1, "A", location_type=LocationType.VISIO))


def test_a_lieu_ponctuel_stays_one():
    with pytest.raises(InvalidField):
        check_availability_change(LieuAvailability.SINGLE_USE, LieuAvailability.ENABLED)
    check_availability_change(LieuAvailability.ENABLED, LieuAvailability.DISABLED)


def test_anonymisation_erases_personal_data():
    user = User("Hélène", "Dupont", id=3, email="h@exemple.fr", phone_number="0612345678", notes="secret")
    user.anonymise(datetime(2026, 1, 1, tzinfo=UTC))
    assert (user.first_name, user.email, user.phone_number, user.notes) == (
        "Usager supprimé",
        None,
        None,
        None,
    )
    assert user.id == 3 and user.anonymised_at is not None


def test_merge_takes_chosen_fields_and_fills_empty_ones():
    kept = User("Jean", "Martin", id=1, email=None, phone_number="0612345678")
    duplicate = User("Jean-Pierre", "Martin", id=2, email="jp@exemple.fr", phone_number="0700000000")
    result = merge(kept, duplicate, {"first_name"})
    assert (result.id, result.first_name, result.email, result.phone_number) == (
        1,
        "Jean-Pierre",
        "jp@exemple.fr",
        "0612345678",
    )


ADMIN_A = Caller("agent", 1, {10: "admin"}, frozenset(), frozenset({5}))
BASIC_A = Caller("agent", 2, {10: "basic"}, frozenset(), frozenset({5}))
TERRITORY = Caller("agent", 3, {}, frozenset({100}))


def test_foreign_organisation_is_not_found_and_own_is_forbidden_to_basic_agents():
    with pytest.raises(NotFound):
        rights.require_admin(ADMIN_A, 11, 100, "organisation")
    with pytest.raises(NotAllowed):
        rights.require_admin(BASIC_A, 10, 100, "organisation")
    rights.require_admin(TERRITORY, 11, 100, "organisation")


def test_basic_agents_see_colleagues_of_their_services_only():
    assert rights.sees_agent(BASIC_A, 9, [(10, 100)], [5])
    assert not rights.sees_agent(BASIC_A, 9, [(10, 100)], [6])
    assert rights.sees_agent(ADMIN_A, 9, [(10, 100)], [6])
    secretary = Caller("agent", 4, {10: "basic"}, secretariat=True)
    assert rights.sees_agent(secretary, 9, [(10, 100)], [6])


def test_territory_admin_actions_are_forbidden_to_members_and_hidden_from_strangers():
    with pytest.raises(NotAllowed):
        rights.require_territory_admin(ADMIN_A, 100, [100])
    with pytest.raises(NotFound):
        rights.require_territory_admin(ADMIN_A, 200, [100])


def test_an_organisation_keeps_one_admin():
    from directory.domain.agents import check_admins_remain

    with pytest.raises(Conflict):
        check_admins_remain({7}, 7)
    check_admins_remain({7, 8}, 7)


def test_usagers_of_an_open_territory_are_seen_by_the_agents_working_in_it():
    basic = Caller(kind="agent", id=1, org_levels={10: "basic"})
    intervenant = Caller(kind="agent", id=2, org_levels={10: "intervenant"})
    of_org_20 = [(20, 62)]
    assert not rights.sees_user(basic, of_org_20, open_territory_ids=[], member_territory_ids=[62])
    assert rights.sees_user(basic, of_org_20, open_territory_ids=[62], member_territory_ids=[62])
    assert not rights.sees_user(basic, of_org_20, open_territory_ids=[62], member_territory_ids=[971])
    assert rights.member_organisation_ids(intervenant) == []
