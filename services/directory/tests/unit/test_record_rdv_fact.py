import uuid
from datetime import UTC, datetime, timedelta

from directory.application.record_rdv_fact import fact_of
from rdv_contracts import booking as bk

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def participation(pid: int, user_id: int | None) -> bk.Participation:
    beneficiary = None if user_id else bk.Beneficiary(first_name="Léa", last_name="Martin")
    return bk.Participation(
        id=pid,
        user_id=user_id,
        beneficiary=beneficiary,
        status=bk.RdvStatus.UNKNOWN,
        send_lifecycle_notifications=True,
        send_reminder_notification=True,
        created_by_type=bk.CreatorType.PRESCRIPTEUR,
        created_by_id=4,
    )


def test_a_beneficiary_without_an_account_adds_no_user_to_the_rdv_facts():
    rdv = bk.RdvSnapshot(
        id=101,
        uuid=uuid.uuid4(),
        organisation_id=2,
        motif_id=11,
        lieu_id=3,
        starts_at=NOW,
        ends_at=NOW + timedelta(minutes=30),
        duration_in_min=30,
        status=bk.RdvStatus.UNKNOWN,
        agent_ids=[5],
        participations=[participation(1, 40), participation(2, None)],
        users_count=2,
        created_by=bk.CreatorType.PRESCRIPTEUR,
        created_by_id=4,
        sequence=1,
        version=1,
        created_at=NOW,
        updated_at=NOW,
    )
    event = bk.RdvCreated(rdv=rdv, changes=[], actor=bk.Actor(type=bk.ActorType.PRESCRIPTEUR, id=4))
    assert fact_of(event).user_ids == (40,)
