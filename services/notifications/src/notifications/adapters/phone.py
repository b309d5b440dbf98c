"""SMS go only to mobile numbers (reference §1.5), in France and the overseas departments."""

import phonenumbers

_MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
_REGIONS = {"FR", "GP", "GF", "MQ", "RE", "YT", "PM", "BL", "MF"}


def mobile_e164(*candidates: str | None) -> str | None:
    for raw in candidates:
        if not raw:
            continue
        try:
            number = phonenumbers.parse(raw, "FR")
        except phonenumbers.NumberParseException:
            continue
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) in _REGIONS
            and phonenumbers.number_type(number) in _MOBILE_TYPES
        ):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None
