"""Keeps the local copies of the directory entities the slot search reads.

- Territories (time zone, holiday subdivision, Sunday/holiday opening), organisations, services,
  agents (services, organisations, soft deletion), lieux, motifs, the usagers' referent agents and
  the territories' teams.
- A state older than the copy (by the event's `occurred_at`) is ignored, so replays and reordering
  change nothing; a deletion event or a tombstone removes the copy. Every change of what the in-memory
  catalog holds bumps the catalog version so that each process reloads it; referents and teams are
  read from the database when a follow-up motif or a team is searched, so they do not.
"""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from rdv_contracts import directory as dr
from rdv_contracts.base import Contract, EntityDeleted
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload

from availability.domain.catalog import DEFAULT_TIME_ZONE


class Copies(Protocol):
    async def upsert(self, kind: str, row: dict[str, Any], source_at: datetime) -> bool: ...
    async def delete(self, kind: str, entity_id: int) -> None: ...
    async def bump_catalog(self) -> None: ...


def _territory(t: dr.Territory) -> dict[str, Any]:
    return {
        "departement_number": t.departement_number,
        "time_zone": t.time_zone or DEFAULT_TIME_ZONE,
        "holiday_subdivision": t.holiday_subdivision,
        "open_on_sundays": t.open_on_sundays,
        "open_on_holidays": t.open_on_holidays,
    }


def _motif(m: dr.Motif) -> dict[str, Any]:
    return {
        "organisation_id": m.organisation_id,
        "service_id": m.service_id,
        "name": m.name,
        "duration_in_min": m.default_duration_in_min,
        "location_type": m.location_type.value,
        "bookable_by": m.bookable_by.value,
        "min_public_booking_delay": m.min_public_booking_delay,
        "max_public_booking_delay": m.max_public_booking_delay,
        "collectif": m.collectif,
        "follow_up": m.follow_up,
        "for_secretariat": m.for_secretariat,
        "active": m.deleted_at is None,
    }


# kind → (state payload class, how a state becomes a row)
_ROWS: Mapping[str, tuple[type[Contract], Callable[[Any], dict[str, Any]]]] = {
    "territories": (dr.Territory, _territory),
    "organisations": (dr.Organisation, lambda o: {"territory_id": o.territory_id, "name": o.name}),
    "services": (dr.Service, lambda s: {"name": s.name, "is_secretariat": s.is_secretariat}),
    "agents": (
        dr.Agent,
        lambda a: {
            "first_name": a.first_name,
            "last_name": a.last_name,
            "service_ids": sorted(a.service_ids),
            "organisation_ids": sorted(a.organisation_ids),
            "active": a.deleted_at is None,
        },
    ),
    "lieux": (
        dr.Lieu,
        lambda lieu: {
            "organisation_id": lieu.organisation_id,
            "name": lieu.name,
            "address": lieu.address,
            "latitude": lieu.latitude,
            "longitude": lieu.longitude,
            "enabled": lieu.availability == dr.LieuAvailability.ENABLED,
        },
    ),
    "motifs": (dr.Motif, _motif),
    "referent_assignations": (
        dr.ReferentAssignation,
        lambda r: {"user_id": r.user_id, "agent_id": r.agent_id},
    ),
    "teams": (dr.Team, lambda t: {"territory_id": t.territory_id, "agent_ids": sorted(t.agent_ids)}),
}
OUTSIDE_CATALOG = frozenset({"referent_assignations", "teams"})

KIND_OF_TOPIC = {
    "directory.territory": "territories",
    "directory.organisation": "organisations",
    "directory.service": "services",
    "directory.agent": "agents",
    "directory.lieu": "lieux",
    "directory.motif": "motifs",
    "directory.referent_assignation": "referent_assignations",
    "directory.team": "teams",
}


async def update_copy(copies: Copies, kind: str, event: EventEnvelope) -> None:
    payload = parse_payload(event)
    if isinstance(payload, EntityDeleted):
        await forget_copy(copies, kind, str(payload.id))
        return
    state_class, to_row = _ROWS[kind]
    if not isinstance(payload, state_class):
        raise TypeError(f"{event.event_type} is not a {state_class.__name__} state")
    state: Any = payload  # every directory state has an id
    changed = await copies.upsert(kind, {"id": state.id, **to_row(payload)}, event.occurred_at)
    if changed and kind not in OUTSIDE_CATALOG:
        await copies.bump_catalog()


async def forget_copy(copies: Copies, kind: str, key: str) -> None:
    await copies.delete(kind, int(key))
    if kind not in OUTSIDE_CATALOG:
        await copies.bump_catalog()
