"""`data` of webhook payloads for entities other than RDVs, in the existing system's shapes (§6.4).

Inputs are the local copies: JSON states of the producers' contracts.
"""

from collections.abc import Mapping
from typing import Any

from calendar_sync.domain.erased_users import erased_user_data, is_erased

Data = dict[str, Any]
State = Mapping[str, Any]


def organisation_data(organisation: State | None) -> Data | None:
    if organisation is None:
        return None
    keys = ("id", "name", "phone_number", "email", "verticale")
    return {key: organisation.get(key) for key in keys}


def agent_data(agent: State | None) -> Data | None:
    if agent is None:
        return None
    return {
        "id": agent["id"],
        "first_name": agent.get("first_name"),
        "last_name": agent.get("last_name"),
        "email": agent.get("email"),
        "inclusion_connect_open_id_sub": None,
    }


def lieu_data(lieu: State | None) -> Data | None:
    if lieu is None:
        return None
    keys = ("id", "name", "address", "phone_number", "organisation_id")
    return {key: lieu.get(key) for key in keys} | {"single_use": lieu.get("availability") == "single_use"}


def motif_data(motif: State | None) -> Data | None:
    if motif is None:
        return None
    keys = (
        "id",
        "name",
        "location_type",
        "deleted_at",
        "service_id",
        "organisation_id",
        "collectif",
        "follow_up",
        "instruction_for_rdv",
        "bookable_by",
        "motif_category",
    )
    return {key: motif.get(key) for key in keys} | {
        "bookable_publicly": motif.get("bookable_by", "agents") != "agents"
    }


def user_data(user: State | None) -> Data | None:
    """The usager's state as we know it now; an erased usager (even soft-deleted only) shows nothing
    personal."""
    if user is None:
        return None
    if is_erased(user):
        return erased_user_data(int(user["id"]), user)
    return dict(user)


def plage_ouverture_data(
    plage: State, *, agent: State | None, organisation: State | None, lieu: State | None, motifs: list[State]
) -> Data:
    keys = ("id", "ical_uid", "title", "first_day", "start_time", "end_time", "rrule", "ical")
    return {key: plage.get(key) for key in keys} | {
        "agent": agent_data(agent),
        "organisation": organisation_data(organisation),
        "lieu": lieu_data(lieu),
        "motifs": [motif_data(motif) for motif in motifs],
    }


def absence_data(absence: State, *, agent: State | None, organisation: State | None) -> Data:
    keys = ("id", "ical_uid", "title", "first_day", "start_time", "end_day", "end_time", "rrule", "ical")
    return {key: absence.get(key) for key in keys} | {
        "agent": agent_data(agent),
        "organisation": organisation_data(organisation),
    }


def agent_role_data(role: State, *, agent: State | None, organisation: State | None) -> Data:
    return {
        "id": role["id"],
        "access_level": role.get("access_level"),
        "agent": agent_data(agent),
        "organisation": organisation_data(organisation),
    }


def user_profile_data(profile: State, *, user: State | None, organisation: State | None) -> Data:
    return {
        "id": profile["id"],
        "user": user_data(user),
        "organisation": organisation_data(organisation),
    }


def referent_assignation_data(assignation: State, *, user: State | None, agent: State | None) -> Data:
    return {"id": assignation["id"], "user": user_data(user), "agent": agent_data(agent)}
