"""How the lieu step orders places, and the sentence that says so to the usager."""

import re
from dataclasses import dataclass
from typing import Any

_POSTAL_CODE = re.compile(r"\b\d{5}\b")


@dataclass(frozen=True)
class OrderedPlaces:
    places: list[dict[str, Any]]
    explanation: str


def ordered_places(places: list[dict[str, Any]], address: str | None, by_distance: bool) -> OrderedPlaces:
    """Availability sorts by distance when given a position, otherwise by next availability; an address
    typed without a position (no geocoder here) brings the lieux of its postal code or town first."""
    if by_distance:
        return OrderedPlaces(places, "Lieux classés du plus proche au plus éloigné de votre position.")
    needle = _needle(address)
    if needle is None:
        return OrderedPlaces(places, "Lieux classés par prochaine disponibilité.")
    near = [p for p in places if needle in _address_of(p)]
    others = [p for p in places if needle not in _address_of(p)]
    return OrderedPlaces(
        near + others,
        f"Lieux dont l'adresse contient « {needle} » en premier, puis par prochaine disponibilité.",
    )


def _needle(address: str | None) -> str | None:
    if not address or not address.strip():
        return None
    postal = _POSTAL_CODE.search(address)
    return postal.group(0) if postal else address.strip().split(",")[-1].strip().lower() or None


def _address_of(place: dict[str, Any]) -> str:
    lieu = place.get("lieu") or {}
    return str(lieu.get("address", "")).lower()
