"""`data` of `rdv` webhook payloads, in the existing system's shape (reference §6.4).

The receivers are the organisation's own information systems: like the existing system, the payload
names the usagers (their state as we know it now, so an anonymised usager is sent anonymised).
"""

from collections.abc import Mapping
from typing import Any

from calendar_sync.domain.local_time import local_iso
from calendar_sync.domain.webhook_entity_data import (
    agent_data,
    lieu_data,
    motif_data,
    organisation_data,
    user_data,
)

State = Mapping[str, Any]

_CLASS_NAMES = {"agent": "Agent", "user": "User", "prescripteur": "Prescripteur"}


def rdv_data(
    rdv: State,
    *,
    time_zone: str,
    organisation: State | None,
    motif: State | None,
    lieu: State | None,
    agents: Mapping[int, State],
    users: Mapping[int, State],
) -> dict[str, Any]:
    participations = [_participation(p, users.get(p["user_id"])) for p in rdv.get("participations", [])]
    return {
        "id": rdv["id"],
        "uuid": str(rdv["uuid"]),
        "status": rdv["status"],
        "starts_at": local_iso(rdv["starts_at"], time_zone),
        "ends_at": local_iso(rdv["ends_at"], time_zone),
        "duration_in_min": rdv["duration_in_min"],
        "address": _address(rdv, lieu),
        "context": rdv.get("context"),
        "cancelled_at": local_iso(rdv.get("cancelled_at"), time_zone),
        "max_participants_count": rdv.get("max_participants_count"),
        "users_count": rdv.get("users_count"),
        "name": rdv.get("name"),
        "collectif": rdv.get("collectif", False),
        "created_by_type": _CLASS_NAMES.get(rdv["created_by"], rdv["created_by"]),
        "created_by_id": rdv.get("created_by_id"),
        "created_by": rdv["created_by"],
        "organisation": organisation_data(organisation),
        "motif": motif_data(motif),
        "users": [p["user"] for p in participations],
        "participations": participations,
        "agents": [agent_data(agents.get(agent_id)) or {"id": agent_id} for agent_id in rdv["agent_ids"]],
        "lieu": _lieu(rdv, lieu),
    }


def _participation(participation: State, user: State | None) -> dict[str, Any]:
    keys = (
        "id",
        "status",
        "send_lifecycle_notifications",
        "send_reminder_notification",
        "created_by_id",
        "created_by_agent_prescripteur",
    )
    created_by = participation.get("created_by_type")
    return {key: participation.get(key) for key in keys} | {
        "created_by_type": _CLASS_NAMES.get(created_by or "", created_by),
        "created_by": created_by,
        "user": user_data(user) or {"id": participation["user_id"]},
    }


def _address(rdv: State, lieu: State | None) -> str | None:
    if rdv.get("single_use_lieu"):
        return str(rdv["single_use_lieu"]["address"])
    return str(lieu["address"]) if lieu is not None else None


def _lieu(rdv: State, lieu: State | None) -> dict[str, Any] | None:
    single_use = rdv.get("single_use_lieu")
    if single_use:
        return {
            "id": None,
            "name": single_use["name"],
            "address": single_use["address"],
            "phone_number": single_use.get("phone_number"),
            "organisation_id": rdv["organisation_id"],
            "single_use": True,
        }
    return lieu_data(lieu)
