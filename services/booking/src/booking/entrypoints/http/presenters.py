"""RDVs as the API shows them, with the field names of the reference API v1."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.domain.statuses import status_label


def rdv_body(
    rdv: Rdv, now: datetime, time_zone: str = "Europe/Paris", *, for_user: bool = False
) -> dict[str, Any]:
    zone = ZoneInfo(time_zone)
    label = status_label(
        rdv.status, rdv.starts_at.astimezone(zone).date(), now.astimezone(zone).date(), for_user=for_user
    )
    return {
        "id": rdv.id,
        "uuid": str(rdv.uuid),
        "organisation_id": rdv.organisation_id,
        "motif_id": rdv.motif_id,
        "lieu_id": rdv.lieu_id,
        "single_use_lieu": rdv.single_use_lieu.model_dump(mode="json") if rdv.single_use_lieu else None,
        "starts_at": rdv.starts_at.astimezone(zone).isoformat(),
        "ends_at": rdv.ends_at.astimezone(zone).isoformat(),
        "duration_in_min": rdv.duration_in_min,
        "status": rdv.status.value,
        "status_label": label,
        "cancelled_at": rdv.cancelled_at.isoformat() if rdv.cancelled_at else None,
        "agent_ids": rdv.agent_ids,
        "participations": [_participation(p) for p in rdv.participations],
        "users_count": rdv.users_count,
        "context": None if for_user else rdv.context,
        "name": rdv.name,
        "collectif": rdv.collectif,
        "max_participants_count": rdv.max_participants_count,
        "created_by": rdv.created_by.value,
        "created_by_id": rdv.created_by_id,
        "prescripteur": rdv.prescripteur.model_dump(mode="json")
        if rdv.prescripteur and not for_user
        else None,
        "forced": rdv.forced,
        "version": rdv.version,
    }


def _participation(p: Participation) -> dict[str, Any]:
    return {
        "id": p.id,
        "user_id": p.user_id,
        "beneficiary": p.beneficiary.model_dump(mode="json") if p.beneficiary else None,
        "status": p.status.value,
        "send_lifecycle_notifications": p.send_lifecycle_notifications,
        "send_reminder_notification": p.send_reminder_notification,
        "created_by_type": p.created_by_type.value,
        "created_by_id": p.created_by_id,
        "created_by_agent_prescripteur": p.created_by_agent_prescripteur,
    }
