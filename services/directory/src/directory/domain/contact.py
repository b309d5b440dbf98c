"""E-mail and phone rules shared by usagers, agents and organisations.

Pure computations with maintained libraries (no IO: deliverability checks are off).
"""

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from directory.domain.errors import InvalidField

# The reference fixes `.@` and `..`; the table adds frequent French webmail domain typos.
COMMON_DOMAIN_TYPOS = {
    "gmial.com": "gmail.com",
    "gmal.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gamil.com": "gmail.com",
    "gmail.fr": "gmail.com",
    "gmail.co": "gmail.com",
    "gmail.con": "gmail.com",
    "hotmial.com": "hotmail.com",
    "hotmail.ft": "hotmail.fr",
    "hotmal.fr": "hotmail.fr",
    "homail.fr": "hotmail.fr",
    "outlok.fr": "outlook.fr",
    "wanadoo.con": "wanadoo.fr",
    "wanado.fr": "wanadoo.fr",
    "orange.con": "orange.fr",
    "oragne.fr": "orange.fr",
    "yahoo.fe": "yahoo.fr",
    "yaho.fr": "yahoo.fr",
    "laposte.fe": "laposte.net",
    "free.fe": "free.fr",
    "sfr.fe": "sfr.fr",
}

# French metropolitan and overseas numbering plans (reference §1.5).
PHONE_REGIONS = ("FR", "GP", "GF", "MQ", "RE", "YT", "PM", "BL", "MF")
_MOBILE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


@dataclass(frozen=True)
class Phone:
    national: str
    e164: str
    mobile: bool


def fix_email_typos(email: str) -> str:
    fixed = email.strip().lower().replace(" ", "")
    while ".." in fixed:
        fixed = fixed.replace("..", ".")
    fixed = fixed.replace(".@", "@")
    local, _, domain = fixed.rpartition("@")
    return f"{local}@{COMMON_DOMAIN_TYPOS.get(domain, domain)}" if local else fixed


def normalise_email(email: str, field: str = "email") -> str:
    try:
        return validate_email(fix_email_typos(email), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise InvalidField(field, "adresse e-mail invalide") from None


def normalise_phone(number: str, field: str = "phone_number") -> Phone:
    for region in PHONE_REGIONS:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return Phone(
                national=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL),
                e164=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
                mobile=phonenumbers.number_type(parsed) in _MOBILE,
            )
    raise InvalidField(field, "numéro de téléphone invalide")


def digits_only(text: str) -> str:
    return re.sub(r"\D", "", text)
