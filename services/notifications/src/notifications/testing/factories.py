"""Events as directory and booking publish them, with sensible defaults and random ids."""

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from rdv_contracts import booking as bk
from rdv_contracts import directory as dr
from rdv_contracts.base import Contract
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope

_ids = itertools.count(int(uuid.uuid4().int % 1_000_000) * 1000)


def next_id() -> int:
    return next(_ids)


def wrap(payload: Contract, aggregate_id: int | str, organisation_id: int | None = None) -> EventEnvelope:
    return envelope(payload, aggregate_id=aggregate_id, organisation_id=organisation_id)


def territory(**fields: Any) -> dr.TerritoryCreated:
    return dr.TerritoryCreated(
        **{"id": next_id(), "name": "Pas-de-Calais", "departement_number": "62", **fields}
    )


def organisation(territory_id: int, **fields: Any) -> dr.OrganisationCreated:
    values = {
        "id": next_id(),
        "territory_id": territory_id,
        "name": "MDS Arras",
        "phone_number": "03 21 00 00 00",
    }
    return dr.OrganisationCreated(**{**values, **fields})


def service(**fields: Any) -> dr.ServiceCreated:
    return dr.ServiceCreated(
        **{"id": next_id(), "name": "Protection maternelle", "short_name": "PMI", **fields}
    )


def motif(organisation_id: int, service_id: int, **fields: Any) -> dr.MotifCreated:
    values = {
        "id": next_id(),
        "organisation_id": organisation_id,
        "service_id": service_id,
        "name": "Suivi de grossesse",
        "instruction_for_rdv": "Apportez votre carnet de santé.",
    }
    return dr.MotifCreated(**{**values, **fields})


def lieu(organisation_id: int, **fields: Any) -> dr.LieuCreated:
    values = {
        "id": next_id(),
        "organisation_id": organisation_id,
        "name": "MDS Arras Centre",
        "address": "12 rue Émile Zola, 62000 Arras",
        "latitude": 50.29,
        "longitude": 2.78,
    }
    return dr.LieuCreated(**{**values, **fields})


def user(**fields: Any) -> dr.UserCreated:
    values = {
        "id": next_id(),
        "first_name": "Hélène",
        "last_name": "Lefèvre",
        "email": "helene.lefevre@example.fr",
        "phone_number": "06 12 34 56 78",
    }
    return dr.UserCreated(**{**values, **fields})


def agent(**fields: Any) -> dr.AgentCreated:
    values = {
        "id": next_id(),
        "email": f"agent{uuid.uuid4().hex[:6]}@mds.example.fr",
        "first_name": "Camille",
        "last_name": "Martin",
    }
    return dr.AgentCreated(**{**values, **fields})


def participation(user_id: int | None, **fields: Any) -> bk.Participation:
    values = {
        "id": next_id(),
        "user_id": user_id,
        "status": bk.RdvStatus.UNKNOWN,
        "send_lifecycle_notifications": True,
        "send_reminder_notification": True,
        "created_by_type": bk.CreatorType.AGENT,
        "created_by_id": 1,
    }
    return bk.Participation(**{**values, **fields})


def beneficiary_participation(**fields: Any) -> bk.Participation:
    """A person a prescripteur booked for, without an usager account."""
    contact = {
        "first_name": "Nadia",
        "last_name": "Benali",
        "email": "nadia.benali@example.fr",
        "phone_number": "07 98 76 54 32",
        **fields.pop("contact", {}),
    }
    values = {
        "user_id": None,
        "beneficiary": bk.Beneficiary(**contact),
        "created_by_type": bk.CreatorType.PRESCRIPTEUR,
        "created_by_id": None,
        **fields,
    }
    return participation(**values)


def rdv(
    organisation_id: int,
    motif_id: int,
    agent_ids: list[int],
    user_ids: list[int],
    starts_at: datetime | None = None,
    **fields: Any,
) -> bk.RdvSnapshot:
    start = starts_at or datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    now = datetime.now(UTC)
    values = {
        "id": next_id(),
        "uuid": uuid.uuid4(),
        "organisation_id": organisation_id,
        "motif_id": motif_id,
        "starts_at": start,
        "ends_at": start + timedelta(minutes=30),
        "duration_in_min": 30,
        "status": bk.RdvStatus.UNKNOWN,
        "agent_ids": agent_ids,
        "participations": [participation(u) for u in user_ids],
        "users_count": len(fields.get("participations", user_ids)),
        "created_by": bk.CreatorType.AGENT,
        "created_by_id": agent_ids[0],
        "sequence": 0,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    return bk.RdvSnapshot(**{**values, **fields})


def changed(snapshot: bk.RdvSnapshot, **fields: Any) -> bk.RdvSnapshot:
    """The next version of an RDV."""
    values = {"sequence": snapshot.sequence + 1, "version": snapshot.version + 1, **fields}
    return snapshot.model_copy(update=values)


AGENT_ACTOR = bk.Actor(type=bk.ActorType.AGENT, id=1)
USER_ACTOR = bk.Actor(type=bk.ActorType.USER, id=2)
