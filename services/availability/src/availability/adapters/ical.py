"""Plages and absences as iCalendar documents (the `ical` field of their events), with icalendar.

Times are local with the territory's VTIMEZONE, so that a weekly RRULE keeps its local time across
DST changes.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from availability.domain.absence import AbsenceRecord
from availability.domain.plage import PlageRecord

PRODID = "-//RDV platform//availability//FR"


def _document(
    uid: str, title: str, start: datetime, end: datetime, rrule: str | None, stamp: datetime
) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", stamp)
    if rrule:
        event.add("rrule", vRecur.from_ical(rrule))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def _local(day: object, at: time, zone: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone))  # type: ignore[arg-type]


class IcsRenderer:
    def plage(self, record: PlageRecord) -> str:
        fields = record.fields
        return _document(
            record.ical_uid,
            fields.title,
            _local(fields.first_day, fields.start_time, record.time_zone),
            _local(fields.first_day, fields.end_time, record.time_zone),
            record.rrule,
            record.updated_at,
        )

    def absence(self, record: AbsenceRecord) -> str:
        fields = record.fields
        return _document(
            record.ical_uid,
            fields.title,
            _local(fields.first_day, fields.start_time, record.time_zone),
            _local(fields.end_day, fields.end_time, record.time_zone),
            record.rrule,
            record.updated_at,
        )
