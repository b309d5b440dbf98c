"""Usager search: how a typed query becomes words, and how far matches are counted.

Counting every match of a one-letter search over 100,000 usagers costs more than finding the page,
so the total is exact up to `COUNT_CAP` matches past the page's first row and a lower bound beyond
(`total_count_is_exact` is then false). `next_page` stays right: the cap is larger than a page.
"""

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

COUNT_CAP = 1000
MAX_WORDS = 5
_SEPARATORS = re.compile(r"[^\w@.+-]+")
_PHONE_PUNCTUATION = re.compile(r"[\s.]")


def search_words(query: str | None) -> list[str]:
    """Words of a search; a phone number typed with spaces, dots or +33 becomes one run of digits."""
    query = (query or "").strip()
    compact = _PHONE_PUNCTUATION.sub("", query)
    if compact.lstrip("+").isdigit():
        digits = compact.lstrip("+")
        return ["0" + digits[2:] if digits.startswith("33") and len(digits) == 11 else digits]
    return [word for word in _SEPARATORS.split(query) if word][:MAX_WORDS]


def count_limit(offset: int) -> int:
    """How many matches to count at most for a page starting at `offset`."""
    return offset + COUNT_CAP


@dataclass(frozen=True)
class SearchPage(Generic[T]):
    items: list[T]
    total_count: int
    total_count_is_exact: bool

    @classmethod
    def counted(cls, items: list[T], counted: int, offset: int) -> "SearchPage[T]":
        """`counted`: matches counted with a limit of `count_limit(offset) + 1`."""
        limit = count_limit(offset)
        return cls(items, min(counted, limit), counted <= limit)
