"""The forms of the pages: French reasons per field, ready to show next to each input."""

from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from rdv_contracts.booking import Beneficiary, Prescripteur

REQUIRED = "Ce champ est obligatoire."


class FormErrors(Exception):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def _text(form: Any, name: str, problems: dict[str, str], required: bool = True) -> str | None:
    value = str(form.get(name) or "").strip()[:200]
    if not value and required:
        problems[name] = REQUIRED
    return value or None


def _email(form: Any, name: str, problems: dict[str, str], required: bool) -> str | None:
    value = _text(form, name, problems, required)
    if value is None:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        problems[name] = "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."
        return None


def _phone(form: Any, name: str, problems: dict[str, str]) -> str | None:
    value = _text(form, name, problems, required=False)
    if value is None:
        return None
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        problems[name] = "Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78."
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def prescripteur_form(form: Any) -> tuple[Prescripteur, Beneficiary]:
    problems: dict[str, str] = {}
    prescripteur = {
        "first_name": _text(form, "prescripteur_first_name", problems),
        "last_name": _text(form, "prescripteur_last_name", problems),
        "email": _email(form, "prescripteur_email", problems, required=True),
        "phone_number": _phone(form, "prescripteur_phone_number", problems),
    }
    beneficiary = {
        "first_name": _text(form, "beneficiary_first_name", problems),
        "last_name": _text(form, "beneficiary_last_name", problems),
        "email": _email(form, "beneficiary_email", problems, required=False),
        "phone_number": _phone(form, "beneficiary_phone_number", problems),
    }
    if not problems and not beneficiary["email"] and not beneficiary["phone_number"]:
        problems["beneficiary_phone_number"] = "Indiquez un téléphone ou un e-mail du bénéficiaire."
    if problems:
        raise FormErrors(problems)
    return Prescripteur(**prescripteur), Beneficiary(**beneficiary)


def sign_up_form(form: Any) -> dict[str, str]:
    problems: dict[str, str] = {}
    values = {
        "first_name": _text(form, "first_name", problems),
        "last_name": _text(form, "last_name", problems),
        "email": _email(form, "email", problems, required=True),
        "password": str(form.get("password") or ""),
    }
    if not values["password"]:
        problems["password"] = REQUIRED
    if problems:
        raise FormErrors(problems)
    return {k: str(v) for k, v in values.items()}


def sign_in_form(form: Any) -> tuple[str, str]:
    problems: dict[str, str] = {}
    email = _text(form, "email", problems)
    password = str(form.get("password") or "")
    if not password:
        problems["password"] = REQUIRED
    if problems:
        raise FormErrors(problems)
    return str(email), password


def letters_form(form: Any) -> str:
    letters = str(form.get("letters") or "").strip()
    if not letters:
        raise FormErrors({"letters": "Saisissez les 3 premières lettres du nom de famille."})
    return letters[:50]
