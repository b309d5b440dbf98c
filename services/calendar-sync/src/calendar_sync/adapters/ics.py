"""iCalendar (RFC 5545) documents, written with the `icalendar` package.

Each RDV's VEVENT is rendered once when the RDV changes and stored, so a feed of thousands of RDVs is
an assembly of stored parts: rendering 5,000 events from scratch takes seconds.
"""

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar

from calendar_sync.domain.calendar_entry import CalendarEntry

PRODID = "-//RDV Service Public//calendar-sync//FR"
_END = b"END:VCALENDAR\r\n"


def vevent(entry: CalendarEntry, stamp: datetime | None = None) -> bytes:
    zone = ZoneInfo(entry.time_zone)
    event = icalendar.Event()
    event.add("uid", str(entry.uid))
    event.add("dtstamp", stamp or datetime.now(UTC))
    event.add("dtstart", entry.starts_at.astimezone(zone))
    event.add("dtend", entry.ends_at.astimezone(zone))
    event.add("summary", entry.summary)
    if entry.location:
        event.add("location", entry.location)
    event.add("description", entry.description)
    event.add("url", entry.url)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("sequence", entry.sequence)
    event.add("class", "PRIVATE")
    event.add("transp", "TRANSPARENT" if entry.cancelled else "OPAQUE")
    return bytes(event.to_ical())


@lru_cache(maxsize=64)
def vtimezone(time_zone: str) -> bytes:
    return bytes(icalendar.Timezone.from_tzid(time_zone).to_ical())


def calendar_document(
    vevents: Iterable[bytes], time_zones: Iterable[str], *, method: str = "PUBLISH", name: str | None = None
) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    head = bytes(calendar.to_ical())
    assert head.endswith(_END)
    parts = [head[: -len(_END)], *(vtimezone(tz) for tz in sorted(set(time_zones))), *vevents, _END]
    return b"".join(parts)


def single_event_document(entry: CalendarEntry) -> bytes:
    """A whole VCALENDAR for one RDV, as CalDAV servers store it."""
    return calendar_document([vevent(entry)], [entry.time_zone])


class IcsDocuments:
    """The `IcsRenderer` port."""

    def vevent(self, entry: CalendarEntry) -> bytes:
        return vevent(entry)

    def document(self, vevents: Sequence[bytes], time_zones: Sequence[str], name: str) -> bytes:
        return calendar_document(vevents, time_zones, name=name)
