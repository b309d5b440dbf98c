"""The first three letters of the last name that open a participation link (product decisions)."""

import hmac
import unicodedata

LETTERS = 3


def normalise(text: str) -> str:
    """Case, accents, spaces, hyphens and apostrophes do not count: "Le Bœuf" and "LEBOEUF" agree."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    kept = (c for c in decomposed if not unicodedata.combining(c) and c.isalnum())
    return "".join(kept).casefold()


def expected_letters(last_name: str) -> str:
    """Names shorter than three letters are typed whole."""
    return normalise(last_name)[:LETTERS]


def letters_match(last_name: str, answer: str) -> bool:
    expected = expected_letters(last_name)
    return bool(expected) and hmac.compare_digest(expected.encode(), normalise(answer).encode())
