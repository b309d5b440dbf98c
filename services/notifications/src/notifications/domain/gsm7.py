"""SMS length in segments (3GPP TS 23.038): GSM-7 when every character fits, else UCS-2."""

import math

_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENDED = set("^{}\\[~]|€\f")

SINGLE_GSM7, PART_GSM7 = 160, 153
SINGLE_UCS2, PART_UCS2 = 70, 67


def gsm7_septets(text: str) -> int | None:
    """Septets needed in GSM-7 (extension characters take two), None when the text needs UCS-2."""
    total = 0
    for char in text:
        if char in _BASIC:
            total += 1
        elif char in _EXTENDED:
            total += 2
        else:
            return None
    return total


def sms_segments(text: str) -> int:
    septets = gsm7_septets(text)
    if septets is not None:
        return 1 if septets <= SINGLE_GSM7 else math.ceil(septets / PART_GSM7)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= SINGLE_UCS2 else math.ceil(units / PART_UCS2)
