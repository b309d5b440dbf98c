"""Hand-written sample payloads: one realistic instance of every registered payload class."""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

import pytest
from rdv_contracts import availability as av
from rdv_contracts import booking as bk
from rdv_contracts import calendar_sync as cs
from rdv_contracts import directory as dr
from rdv_contracts import notifications as nt
from rdv_contracts.base import Contract, EntityDeleted

NOW = datetime(2024, 10, 24, 8, 0, tzinfo=UTC)
RDV_UUID = UUID("1b0d5f6e-8a39-4c55-9a0b-3d2f1e6c7a41")

_ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:rdv\r\nEND:VCALENDAR\r\n"

_PARTICIPATION = bk.Participation(
    id=31,
    user_id=21,
    status=bk.RdvStatus.UNKNOWN,
    send_lifecycle_notifications=True,
    send_reminder_notification=True,
    created_by_type=bk.CreatorType.PRESCRIPTEUR,
    created_by_id=4,
)
_RDV = bk.RdvSnapshot(
    id=101,
    uuid=RDV_UUID,
    organisation_id=2,
    motif_id=11,
    single_use_lieu=bk.SingleUseLieu(name="Salle des fêtes", address="1 place de la Mairie, 62000 Arras"),
    starts_at=NOW + timedelta(days=3),
    ends_at=NOW + timedelta(days=3, minutes=30),
    duration_in_min=30,
    status=bk.RdvStatus.UNKNOWN,
    agent_ids=[5],
    participations=[_PARTICIPATION],
    context="Première visite",
    users_count=1,
    created_by=bk.CreatorType.PRESCRIPTEUR,
    created_by_id=4,
    prescripteur=bk.Prescripteur(first_name="Alix", last_name="Morel", email="alix.morel@example.org"),
    sequence=1,
    version=2,
    created_at=NOW,
    updated_at=NOW + timedelta(minutes=5),
)

_FIELDS: dict[type, dict[str, Any]] = {
    EntityDeleted: {"id": 7, "reason": "rgpd"},
    dr.Territory: {
        "id": 1,
        "name": "Pas-de-Calais",
        "departement_number": "62",
        "time_zone": "Europe/Paris",
        "sms_provider": dr.SmsProvider.NETSIZE,
        "service_ids": [3],
        "enable_logement_field": True,
    },
    dr.Organisation: {"id": 2, "territory_id": 1, "name": "MDS Arras", "phone_number": "0321000000"},
    dr.Service: {"id": 3, "name": "Service social", "short_name": "SOCIAL"},
    dr.Agent: {
        "id": 5,
        "email": "camille.durand@example.org",
        "first_name": "Camille",
        "last_name": "Durand",
        "service_ids": [3],
        "organisation_ids": [2],
        "rdv_notifications_level": dr.RdvNotificationLevel.SOON,
    },
    dr.AgentRole: {"id": 6, "agent_id": 5, "organisation_id": 2, "access_level": dr.AccessLevel.ADMIN},
    dr.AgentRoleDeleted: {"agent_id": 5, "organisation_id": 2},
    dr.AgentTerritorialRole: {"id": 8, "agent_id": 5, "territory_id": 1},
    dr.AgentTerritorialRoleDeleted: {"agent_id": 5, "territory_id": 1},
    dr.User: {
        "id": 21,
        "first_name": "Jeanne",
        "last_name": "Martin",
        "birth_date": date(1980, 5, 17),
        "email": "jeanne.martin@example.org",
        "phone_number_formatted": "+33612345678",
        "city_code": "62041",
        "logement": dr.Logement.LOCATAIRE,
        "responsible_id": 20,
    },
    dr.UserMerged: {"user_id": 21, "merged_user_id": 22},
    dr.UserProfile: {"id": 9, "user_id": 21, "organisation_id": 2},
    dr.UserProfileDeleted: {"user_id": 21, "organisation_id": 2},
    dr.ReferentAssignation: {"id": 10, "user_id": 21, "agent_id": 5},
    dr.ReferentAssignationDeleted: {"user_id": 21, "agent_id": 5},
    dr.Lieu: {
        "id": 12,
        "organisation_id": 2,
        "name": "MDS",
        "address": "5 rue Émile Zola",
        "latitude": 50.29,
        "longitude": 2.78,
    },
    dr.Motif: {
        "id": 11,
        "organisation_id": 2,
        "service_id": 3,
        "name": "Accompagnement social",
        "color": "#1a2b3c",
        "bookable_by": dr.BookableBy.EVERYONE,
        "motif_category_id": 1,
        "motif_category": dr.MotifCategory(id=1, name="RSA orientation", short_name="rsa_orientation"),
    },
    dr.Team: {"id": 4, "territory_id": 1, "name": "Équipe PMI Arras", "agent_ids": [5, 8]},
    dr.AccountLinkRequest: {
        "email": "camille.durand@example.org",
        "first_name": "Camille",
        "last_name": "Durand",
        "url": "https://rdv.example.org/agents/invitation/accept?token=secret",
        "expires_at": NOW + timedelta(days=14),
    },
    dr.AgentInvited: {"agent_id": 5, "organisation_name": "MDS Arras", "invited_by_last_name": "Petit"},
    dr.AgentPasswordResetRequested: {"agent_id": 5},
    dr.UserEmailVerificationRequested: {"user_id": 21},
    dr.UserPasswordResetRequested: {"user_id": 21},
    av.PlageOuverture: {
        "id": 41,
        "agent_id": 5,
        "organisation_id": 2,
        "lieu_id": 12,
        "motif_ids": [11],
        "title": "Permanence",
        "first_day": date(2024, 10, 28),
        "start_time": time(9),
        "end_time": time(12, 30),
        "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "time_zone": "Europe/Paris",
        "ical_uid": "plage_ouverture_41@rdv",
        "ical": _ICS,
    },
    av.PlageOuvertureDeleted: {"agent_id": 5, "organisation_id": 2, "ical_uid": "plage_ouverture_41@rdv"},
    av.Absence: {
        "id": 42,
        "agent_id": 5,
        "title": "Congés",
        "first_day": date(2024, 12, 23),
        "start_time": time(0),
        "end_day": date(2024, 12, 27),
        "end_time": time(23, 59),
        "time_zone": "America/Guadeloupe",
        "ical_uid": "absence_42@rdv",
        "ical": _ICS,
    },
    av.AbsenceDeleted: {"agent_id": 5, "ical_uid": "absence_42@rdv"},
    bk.RdvEvent: {"rdv": _RDV, "changes": [], "actor": bk.Actor(type=bk.ActorType.PRESCRIPTEUR, id=4)},
    bk.RdvUpdated: {
        "changes": ["starts_at", "ends_at"],
        "previous": _RDV.model_copy(update={"starts_at": NOW + timedelta(days=2), "version": 1}),
    },
    bk.RdvStatusChanged: {"changes": ["status"], "previous_status": bk.RdvStatus.WAITING},
    bk.RdvCancelled: {"changes": ["status", "cancelled_at"], "previous_status": bk.RdvStatus.UNKNOWN},
    bk.RdvLinkLocked: {
        "rdv_id": 101,
        "rdv_uuid": RDV_UUID,
        "participation_id": 31,
        "user_id": 21,
        "failed_attempts": 5,
        "locked_until": NOW + timedelta(minutes=15),
    },
    bk.ExportCompleted: {
        "export_id": 12,
        "agent_id": 5,
        "organisation_id": 2,
        "export_type": bk.ExportType.RDV_EXPORT,
        "file_name": "export-rdv-2024-10-24-org-000002.xlsx",
        "rows_count": 1250,
        "download_path": "/api/v1/exports/12/file",
        "expires_at": NOW + timedelta(days=7),
    },
    cs.OutlookConnectionBroken: {"agent_id": 5, "reason": "invalid_grant"},
    cs.CaldavConnectionBroken: {"agent_id": 5, "reason": "401 Unauthorized"},
    cs.WebhookEndpointDisabled: {
        "endpoint_id": 3,
        "organisation_id": 2,
        "target_url": "https://si.example.org/rdv",
        "reason": "410 Gone",
    },
    nt.Receipt: {
        "id": 51,
        "rdv_id": 101,
        "rdv_uuid": RDV_UUID,
        "organisation_id": 2,
        "user_id": 21,
        "event": nt.ReceiptEvent.RDV_CREATED,
        "channel": nt.ReceiptChannel.SMS,
        "recipient": "+33 6 ** ** ** 78",
        "result": nt.ReceiptResult.DELIVERED,
        "sms_provider": "netsize",
        "sms_count": 1,
        "content": "RDV SOCIAL lundi 28/10 à 10h00. Infos et annulation: https://rdv.example.org/r/101/…",
        "created_at": NOW,
        "updated_at": NOW + timedelta(seconds=20),
    },
}


def make_sample(model: type[Contract]) -> Contract:
    """An instance of `model` built from the sample fields of each of its bases."""
    fields: dict[str, Any] = {}
    for cls in reversed(model.__mro__):
        fields.update(_FIELDS.get(cls, {}))
    return model(**fields)


@pytest.fixture
def sample() -> Callable[[type[Contract]], Contract]:
    return make_sample


@pytest.fixture
def rdv() -> bk.RdvSnapshot:
    return _RDV
