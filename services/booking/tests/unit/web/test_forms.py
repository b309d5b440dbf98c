import pytest
from booking.entrypoints.web.forms import FormErrors, letters_form, prescripteur_form, sign_up_form

PRESCRIPTEUR = {
    "prescripteur_first_name": "Alix",
    "prescripteur_last_name": "Morel",
    "prescripteur_email": "Alix.Morel@Example.org",
    "beneficiary_first_name": "Sam",
    "beneficiary_last_name": "Diallo",
    "beneficiary_phone_number": "06 12 34 56 78",
}


def test_a_complete_prescripteur_form_gives_both_contacts_with_a_normalised_phone():
    prescripteur, beneficiary = prescripteur_form(PRESCRIPTEUR)

    assert prescripteur.email == "Alix.Morel@example.org" and prescripteur.phone_number is None
    assert beneficiary.phone_number == "+33612345678"


def test_every_missing_field_is_named():
    with pytest.raises(FormErrors) as refused:
        prescripteur_form({})

    assert set(refused.value.problems) == {
        "prescripteur_first_name",
        "prescripteur_last_name",
        "prescripteur_email",
        "beneficiary_first_name",
        "beneficiary_last_name",
    }


def test_a_beneficiary_needs_a_phone_or_an_email():
    with pytest.raises(FormErrors) as refused:
        prescripteur_form(PRESCRIPTEUR | {"beneficiary_phone_number": ""})

    assert "téléphone ou un e-mail" in refused.value.problems["beneficiary_phone_number"]


def test_a_wrong_phone_or_email_is_explained_in_french():
    with pytest.raises(FormErrors) as refused:
        prescripteur_form(PRESCRIPTEUR | {"beneficiary_phone_number": "12", "prescripteur_email": "alix"})

    assert "numéro de téléphone valide" in refused.value.problems["beneficiary_phone_number"]
    assert "adresse e-mail valide" in refused.value.problems["prescripteur_email"]


def test_sign_up_requires_every_field():
    with pytest.raises(FormErrors) as refused:
        sign_up_form({"email": "a@example.org"})

    assert set(refused.value.problems) == {"first_name", "last_name", "password"}


def test_empty_letters_are_refused_with_the_field_named():
    with pytest.raises(FormErrors) as refused:
        letters_form({"letters": "  "})

    assert "letters" in refused.value.problems
