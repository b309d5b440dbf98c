"""The RDV as the lifecycle events carry it, and which event a change is."""

from rdv_contracts import booking as bk

from booking.domain.participation import Participation
from booking.domain.rdv import Rdv

_BOOKKEEPING = frozenset({"version", "sequence", "updated_at"})


def snapshot(rdv: Rdv) -> bk.RdvSnapshot:
    assert rdv.id is not None and rdv.updated_at is not None, "an RDV is snapshotted once stored"
    return bk.RdvSnapshot(
        id=rdv.id,
        uuid=rdv.uuid,
        organisation_id=rdv.organisation_id,
        motif_id=rdv.motif_id,
        lieu_id=rdv.lieu_id,
        single_use_lieu=rdv.single_use_lieu,
        starts_at=rdv.starts_at,
        ends_at=rdv.ends_at,
        duration_in_min=rdv.duration_in_min,
        status=rdv.status,
        cancelled_at=rdv.cancelled_at,
        agent_ids=list(rdv.agent_ids),
        participations=[_participation(p) for p in rdv.participations],
        context=rdv.context,
        name=rdv.name,
        collectif=rdv.collectif,
        max_participants_count=rdv.max_participants_count,
        users_count=rdv.users_count,
        created_by=rdv.created_by,
        created_by_id=rdv.created_by_id,
        prescripteur=rdv.prescripteur,
        sequence=rdv.sequence,
        version=rdv.version,
        created_at=rdv.created_at,
        updated_at=rdv.updated_at,
    )


def _participation(p: Participation) -> bk.Participation:
    assert p.id is not None
    return bk.Participation(
        id=p.id,
        user_id=p.user_id,
        beneficiary=p.beneficiary,
        status=p.status,
        send_lifecycle_notifications=p.send_lifecycle_notifications,
        send_reminder_notification=p.send_reminder_notification,
        created_by_type=p.created_by_type,
        created_by_id=p.created_by_id,
        created_by_agent_prescripteur=p.created_by_agent_prescripteur,
    )


def changed_fields(before: bk.RdvSnapshot, after: bk.RdvSnapshot) -> list[str]:
    return [
        name
        for name in bk.RdvSnapshot.model_fields
        if name not in _BOOKKEEPING and getattr(before, name) != getattr(after, name)
    ]


def change_event(before: bk.RdvSnapshot, after: bk.RdvSnapshot, actor: bk.Actor) -> bk.RdvEvent:
    """A status change is `cancelled` or `status_changed`; anything else is `updated`."""
    changes = changed_fields(before, after)
    if before.status != after.status:
        kind = bk.RdvCancelled if after.status.is_cancelled else bk.RdvStatusChanged
        return kind(rdv=after, changes=changes, actor=actor, previous_status=before.status)
    return bk.RdvUpdated(rdv=after, changes=changes, actor=actor, previous=before)
