"""What an agent's external calendar shows of an RDV: webcal, Outlook and CalDAV alike.

Reference §6.1: the motif, the place and a link to the RDV; never a name, phone number, address or
note of an usager (GDPR art. 5(1)(c) and 25; product decisions, "Calendar sync"). A home RDV shows
"À domicile" only: the usager's address is personal data.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

State = Mapping[str, Any]

_LOCATION_BY_TYPE = {"home": "À domicile", "phone": "Par téléphone", "visio": "Visioconférence"}


@dataclass(frozen=True)
class CalendarEntry:
    uid: UUID
    rdv_id: int
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    summary: str
    location: str | None
    description: str
    url: str
    cancelled: bool
    sequence: int


def rdv_url(public_base_url: str, rdv: State) -> str:
    return f"{public_base_url.rstrip('/')}/admin/organisations/{rdv['organisation_id']}/rdvs/{rdv['id']}"


def calendar_entry(
    rdv: State,
    *,
    motif: State | None,
    lieu: State | None,
    time_zone: str,
    public_base_url: str,
    product_name: str,
) -> CalendarEntry:
    url = rdv_url(public_base_url, rdv)
    return CalendarEntry(
        uid=UUID(str(rdv["uuid"])),
        rdv_id=int(rdv["id"]),
        starts_at=_instant(rdv["starts_at"]),
        ends_at=_instant(rdv["ends_at"]),
        time_zone=time_zone,
        summary=_summary(rdv, motif),
        location=_location(rdv, motif, lieu),
        description=f"plus d'infos dans {product_name}: {url}",
        url=url,
        cancelled=rdv["status"] in ("excused", "revoked"),
        sequence=int(rdv.get("sequence", 0)),
    )


def _instant(value: str | datetime) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _summary(rdv: State, motif: State | None) -> str:
    title = (motif or {}).get("name") or "RDV"
    if not rdv.get("collectif"):
        return str(title)
    seats = rdv.get("max_participants_count")
    count = f"{rdv.get('users_count', 0)}/{seats}" if seats else str(rdv.get("users_count", 0))
    return f"{rdv.get('name') or title} ({count})"


def _location(rdv: State, motif: State | None, lieu: State | None) -> str | None:
    location_type = (motif or {}).get("location_type", "public_office")
    if location_type in _LOCATION_BY_TYPE:
        return _LOCATION_BY_TYPE[location_type]
    single_use = rdv.get("single_use_lieu")
    if single_use:
        return f"{single_use['name']} ({single_use['address']}) (Lieu ponctuel)"
    if lieu is not None:
        return f"{lieu['name']} ({lieu['address']})"
    return None
