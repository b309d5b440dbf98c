"""Events as the other services publish them, built from their contracts."""

import uuid
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

from rdv_contracts import availability as av
from rdv_contracts import booking as bk
from rdv_contracts import directory as dr
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope

CANARY_FIRST_NAME = "Zébulon"
CANARY_LAST_NAME = "Canarixyz"
CANARY_PHONE = "0611223344"
CANARY_EMAIL = "canari.xyz@example.org"

_ids = count(1000)


def next_id() -> int:
    return next(_ids)


def wrap(payload: Any, aggregate_id: int, organisation_id: int | None = None) -> EventEnvelope:
    return envelope(payload, aggregate_id=aggregate_id, organisation_id=organisation_id)


def territory(territory_id: int, time_zone: str = "Europe/Paris", version: int = 1) -> EventEnvelope:
    model = dr.TerritoryCreated if version == 1 else dr.TerritoryUpdated
    return wrap(
        model(
            id=territory_id,
            name="Pas-de-Calais",
            departement_number="62",
            time_zone=time_zone,
            version=version,
        ),
        territory_id,
    )


def organisation(organisation_id: int, territory_id: int, name: str = "MDS Arras") -> EventEnvelope:
    payload = dr.OrganisationCreated(
        id=organisation_id, territory_id=territory_id, name=name, phone_number="0321000000"
    )
    return wrap(payload, organisation_id, organisation_id)


def motif(motif_id: int, organisation_id: int, name: str = "Consultation PMI", **extra: Any) -> EventEnvelope:
    payload = dr.MotifCreated(id=motif_id, organisation_id=organisation_id, service_id=1, name=name, **extra)
    return wrap(payload, motif_id, organisation_id)


def motif_updated(motif_id: int, organisation_id: int, name: str) -> EventEnvelope:
    payload = dr.MotifUpdated(id=motif_id, organisation_id=organisation_id, service_id=1, name=name)
    return wrap(payload, motif_id, organisation_id)


def lieu(lieu_id: int, organisation_id: int) -> EventEnvelope:
    payload = dr.LieuCreated(
        id=lieu_id,
        organisation_id=organisation_id,
        name="MDS Centre",
        address="1 rue de la Paix, 62000 Arras",
        latitude=50.29,
        longitude=2.78,
    )
    return wrap(payload, lieu_id, organisation_id)


def agent(agent_id: int, organisation_ids: list[int]) -> EventEnvelope:
    payload = dr.AgentCreated(
        id=agent_id,
        email=f"agent{agent_id}@example.org",
        first_name="Camille",
        last_name="Agent",
        organisation_ids=organisation_ids,
    )
    return wrap(payload, agent_id)


def agent_role(role_id: int, agent_id: int, organisation_id: int) -> EventEnvelope:
    payload = dr.AgentRoleCreated(id=role_id, agent_id=agent_id, organisation_id=organisation_id)
    return wrap(payload, role_id, organisation_id)


def user(user_id: int, **changes: Any) -> EventEnvelope:
    fields: dict[str, Any] = {
        "id": user_id,
        "first_name": CANARY_FIRST_NAME,
        "last_name": CANARY_LAST_NAME,
        "phone_number": CANARY_PHONE,
        "email": CANARY_EMAIL,
        "address": "12 impasse des Canaris, 62000 Arras",
    }
    model = dr.UserUpdated if changes.pop("updated", False) else dr.UserCreated
    return wrap(model(**(fields | changes)), user_id)


def user_profile(profile_id: int, user_id: int, organisation_id: int) -> EventEnvelope:
    payload = dr.UserProfileCreated(id=profile_id, user_id=user_id, organisation_id=organisation_id)
    return wrap(payload, profile_id, organisation_id)


def plage(plage_id: int, agent_id: int, organisation_id: int, lieu_id: int, motif_id: int) -> EventEnvelope:
    payload = av.PlageOuvertureCreated(
        id=plage_id,
        agent_id=agent_id,
        organisation_id=organisation_id,
        lieu_id=lieu_id,
        motif_ids=[motif_id],
        title="Permanence",
        first_day=datetime(2026, 12, 1).date(),
        start_time=datetime(2026, 1, 1, 9).time(),
        end_time=datetime(2026, 1, 1, 12).time(),
        rrule="FREQ=WEEKLY;BYDAY=TU",
        time_zone="Europe/Paris",
        ical_uid=f"plage_ouverture_{plage_id}@RDV Solidarités",
        ical="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    )
    return wrap(payload, plage_id, organisation_id)


def rdv_snapshot(
    rdv_id: int,
    *,
    organisation_id: int,
    motif_id: int,
    lieu_id: int | None,
    agent_ids: list[int],
    user_ids: list[int],
    starts_at: datetime | None = None,
    status: bk.RdvStatus = bk.RdvStatus.UNKNOWN,
    version: int = 1,
    rdv_uuid: uuid.UUID | None = None,
    context: str | None = None,
) -> bk.RdvSnapshot:
    start = starts_at or datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    now = datetime.now(UTC)
    participations = [
        bk.Participation(
            id=rdv_id * 10 + index,
            user_id=user_id,
            status=status,
            send_lifecycle_notifications=True,
            send_reminder_notification=True,
            created_by_type=bk.CreatorType.AGENT,
            created_by_id=agent_ids[0],
        )
        for index, user_id in enumerate(user_ids)
    ]
    return bk.RdvSnapshot(
        id=rdv_id,
        uuid=rdv_uuid or uuid.uuid5(uuid.NAMESPACE_URL, f"rdv-{rdv_id}"),
        organisation_id=organisation_id,
        motif_id=motif_id,
        lieu_id=lieu_id,
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        duration_in_min=30,
        status=status,
        cancelled_at=now if status.is_cancelled else None,
        agent_ids=agent_ids,
        participations=participations,
        context=context,
        users_count=len(user_ids),
        created_by=bk.CreatorType.AGENT,
        created_by_id=agent_ids[0],
        sequence=version - 1,
        version=version,
        created_at=now,
        updated_at=now,
    )


def rdv_event(kind: str, snapshot: bk.RdvSnapshot, previous: bk.RdvSnapshot | None = None) -> EventEnvelope:
    actor = bk.Actor(type=bk.ActorType.AGENT, id=snapshot.agent_ids[0])
    payload: Any
    if kind == "created":
        payload = bk.RdvCreated(rdv=snapshot, actor=actor)
    elif kind == "updated":
        payload = bk.RdvUpdated(
            rdv=snapshot, actor=actor, previous=previous or snapshot, changes=["starts_at"]
        )
    elif kind == "cancelled":
        payload = bk.RdvCancelled(rdv=snapshot, actor=actor, previous_status=bk.RdvStatus.UNKNOWN)
    else:
        payload = bk.RdvDestroyed(rdv=snapshot, actor=actor)
    return wrap(payload, snapshot.id, snapshot.organisation_id)


def user_profile_deleted(
    profile_id: int, user_id: int, organisation_id: int, reason: str | None = None
) -> EventEnvelope:
    payload = dr.UserProfileDeleted(
        id=profile_id, user_id=user_id, organisation_id=organisation_id, reason=reason
    )
    return wrap(payload, profile_id, organisation_id)


def user_anonymised(user_id: int) -> EventEnvelope:
    """What directory publishes when it removes an usager's last profile (reference §1.5)."""
    return user(
        user_id,
        updated=True,
        first_name="Usager supprimé",
        last_name="Usager supprimé",
        phone_number=None,
        email=None,
        address=None,
        notify_by_sms=False,
        notify_by_email=False,
        anonymised_at=datetime.now(UTC),
        version=2,
    )


def user_deleted(user_id: int, reason: str | None = None) -> EventEnvelope:
    return wrap(dr.UserDeleted(id=user_id, reason=reason), user_id)


CANARIES = (CANARY_FIRST_NAME, CANARY_LAST_NAME, CANARY_PHONE, CANARY_EMAIL, "impasse des Canaris")


def canaries_in(text: str) -> list[str]:
    return [canary for canary in CANARIES if canary in text]


def territorial_role(role_id: int, agent_id: int, territory_id: int) -> EventEnvelope:
    payload = dr.AgentTerritorialRoleCreated(id=role_id, agent_id=agent_id, territory_id=territory_id)
    return wrap(payload, role_id)


def territorial_role_deleted(role_id: int, agent_id: int, territory_id: int) -> EventEnvelope:
    payload = dr.AgentTerritorialRoleDeleted(id=role_id, agent_id=agent_id, territory_id=territory_id)
    return wrap(payload, role_id)


def user_merged(kept_user_id: int, merged_user_id: int) -> EventEnvelope:
    return wrap(dr.UserMerged(user_id=kept_user_id, merged_user_id=merged_user_id), kept_user_id)
