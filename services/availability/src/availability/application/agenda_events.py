"""Plage and absence states as the events on their compacted topics carry them."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from rdv_contracts import availability as contracts
from rdv_contracts.registry import envelope
from rdv_contracts.topics import TOPICS

from availability.application.ports import AgendaUnitOfWork, IcalRenderer
from availability.domain.absence import AbsenceRecord
from availability.domain.plage import PlageRecord
from availability.domain.schedule import instant

PLAGE_TOPIC = TOPICS["availability.plage_ouverture"].name
ABSENCE_TOPIC = TOPICS["availability.absence"].name


def _recurrence_end(record: PlageRecord | AbsenceRecord) -> dict[str, object]:
    recurrence = record.fields.recurrence
    if recurrence is None or recurrence.until is None:
        return {"rrule": record.rrule, "recurrence_ends_at": None}
    end = instant(recurrence.until, time.max, ZoneInfo(record.time_zone))
    return {"rrule": record.rrule, "recurrence_ends_at": datetime.fromtimestamp(end, UTC)}


def publish_plage(
    uow: AgendaUnitOfWork, record: PlageRecord, ical: IcalRenderer, cls: type[contracts.PlageOuverture]
) -> None:
    fields = record.fields
    payload = cls(
        id=record.id,
        agent_id=fields.agent_id,
        organisation_id=fields.organisation_id,
        lieu_id=fields.lieu_id,
        motif_ids=list(fields.motif_ids),
        title=fields.title,
        first_day=fields.first_day,
        start_time=fields.start_time,
        end_time=fields.end_time,
        time_zone=record.time_zone,
        ical_uid=record.ical_uid,
        ical=ical.plage(record),
        version=record.version,
        updated_at=record.updated_at,
        **_recurrence_end(record),
    )
    uow.publish(envelope(payload, aggregate_id=record.id, organisation_id=fields.organisation_id))


def publish_plage_deleted(uow: AgendaUnitOfWork, record: PlageRecord, reason: str | None = None) -> None:
    fields = record.fields
    payload = contracts.PlageOuvertureDeleted(
        id=record.id,
        agent_id=fields.agent_id,
        organisation_id=fields.organisation_id,
        ical_uid=record.ical_uid,
        reason=reason,
    )
    uow.publish(envelope(payload, aggregate_id=record.id, organisation_id=fields.organisation_id))
    uow.publish_tombstone(PLAGE_TOPIC, str(record.id))


def publish_absence(
    uow: AgendaUnitOfWork, record: AbsenceRecord, ical: IcalRenderer, cls: type[contracts.Absence]
) -> None:
    fields = record.fields
    payload = cls(
        id=record.id,
        agent_id=fields.agent_id,
        title=fields.title,
        first_day=fields.first_day,
        start_time=fields.start_time,
        end_day=fields.end_day,
        end_time=fields.end_time,
        time_zone=record.time_zone,
        ical_uid=record.ical_uid,
        ical=ical.absence(record),
        version=record.version,
        updated_at=record.updated_at,
        **_recurrence_end(record),
    )
    uow.publish(envelope(payload, aggregate_id=record.id, organisation_id=None))


def publish_absence_deleted(uow: AgendaUnitOfWork, record: AbsenceRecord) -> None:
    payload = contracts.AbsenceDeleted(
        id=record.id, agent_id=record.fields.agent_id, ical_uid=record.ical_uid
    )
    uow.publish(envelope(payload, aggregate_id=record.id, organisation_id=None))
    uow.publish_tombstone(ABSENCE_TOPIC, str(record.id))
