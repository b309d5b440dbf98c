"""Rows of `rdvs` and `participations` to and from the RDV aggregate."""

from collections.abc import Sequence
from typing import Any

from rdv_contracts.booking import Beneficiary, CreatorType, Prescripteur, RdvStatus, SingleUseLieu
from sqlalchemy import RowMapping

from booking.domain.participation import Participation
from booking.domain.rdv import Rdv


def rdv_values(rdv: Rdv) -> dict[str, Any]:
    return {
        "uuid": rdv.uuid,
        "organisation_id": rdv.organisation_id,
        "motif_id": rdv.motif_id,
        "lieu_id": rdv.lieu_id,
        "single_use_lieu": rdv.single_use_lieu.model_dump(mode="json") if rdv.single_use_lieu else None,
        "starts_at": rdv.starts_at,
        "ends_at": rdv.ends_at,
        "status": rdv.status.value,
        "cancelled_at": rdv.cancelled_at,
        "agent_ids": rdv.agent_ids,
        "context": rdv.context,
        "name": rdv.name,
        "collectif": rdv.collectif,
        "max_participants_count": rdv.max_participants_count,
        "users_count": rdv.users_count,
        "created_by": rdv.created_by.value,
        "created_by_id": rdv.created_by_id,
        "prescripteur": rdv.prescripteur.model_dump(mode="json") if rdv.prescripteur else None,
        "forced": rdv.forced,
        "sequence": rdv.sequence,
        "version": rdv.version,
        "created_at": rdv.created_at,
        "updated_at": rdv.updated_at,
    }


def participation_values(rdv_id: int, p: Participation) -> dict[str, Any]:
    return {
        "rdv_id": rdv_id,
        "user_id": p.user_id,
        "beneficiary": p.beneficiary.model_dump(mode="json") if p.beneficiary else None,
        "status": p.status.value,
        "send_lifecycle_notifications": p.send_lifecycle_notifications,
        "send_reminder_notification": p.send_reminder_notification,
        "created_by_type": p.created_by_type.value,
        "created_by_id": p.created_by_id,
        "created_by_agent_prescripteur": p.created_by_agent_prescripteur,
    }


def to_participation(row: RowMapping) -> Participation:
    return Participation(
        id=row["id"],
        user_id=row["user_id"],
        beneficiary=Beneficiary.model_validate(row["beneficiary"]) if row["beneficiary"] else None,
        status=RdvStatus(row["status"]),
        send_lifecycle_notifications=row["send_lifecycle_notifications"],
        send_reminder_notification=row["send_reminder_notification"],
        created_by_type=CreatorType(row["created_by_type"]),
        created_by_id=row["created_by_id"],
        created_by_agent_prescripteur=row["created_by_agent_prescripteur"],
    )


def to_rdv(row: RowMapping, participations: Sequence[Participation]) -> Rdv:
    return Rdv(
        id=row["id"],
        uuid=row["uuid"],
        organisation_id=row["organisation_id"],
        motif_id=row["motif_id"],
        lieu_id=row["lieu_id"],
        single_use_lieu=SingleUseLieu.model_validate(row["single_use_lieu"])
        if row["single_use_lieu"]
        else None,
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        status=RdvStatus(row["status"]),
        cancelled_at=row["cancelled_at"],
        agent_ids=list(row["agent_ids"]),
        participations=list(participations),
        context=row["context"],
        name=row["name"],
        collectif=row["collectif"],
        max_participants_count=row["max_participants_count"],
        created_by=CreatorType(row["created_by"]),
        created_by_id=row["created_by_id"],
        prescripteur=Prescripteur.model_validate(row["prescripteur"]) if row["prescripteur"] else None,
        forced=row["forced"],
        sequence=row["sequence"],
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
