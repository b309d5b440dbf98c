"""Events published by the availability service: plages d'ouverture and absences."""

from datetime import date, time

from pydantic import Field, PositiveInt

from rdv_contracts.base import Contract, EntityDeleted, IanaTimeZone, UtcDatetime

_VERSION = "Increased by every change; consumers drop older versions"

_RRULE = "RFC 5545 recurrence rule (e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH), null when it does not recur"
_LOCAL = "Local time of day in `time_zone`"


class PlageOuverture(Contract):
    """Full state of a plage d'ouverture: when one agent receives RDVs for some motifs, in one lieu."""

    id: int
    agent_id: int
    organisation_id: int
    lieu_id: int | None = Field(description="Required when a motif is on site (public_office)")
    motif_ids: list[int] = Field(min_length=1)
    title: str
    first_day: date
    start_time: time = Field(description=_LOCAL)
    end_time: time = Field(description=_LOCAL)
    rrule: str | None = Field(default=None, description=_RRULE)
    recurrence_ends_at: UtcDatetime | None = Field(
        default=None, description="End of the last day of the recurrence; null when open-ended"
    )
    time_zone: IanaTimeZone
    ical_uid: str
    ical: str = Field(description="The plage as a full iCalendar (ICS) document")
    version: PositiveInt = Field(default=1, description=_VERSION)
    updated_at: UtcDatetime | None = Field(default=None, description="When this state was saved")


class PlageOuvertureCreated(PlageOuverture):
    """A plage d'ouverture was created; the payload is its full state."""


class PlageOuvertureUpdated(PlageOuverture):
    """A plage d'ouverture changed; the payload is its full new state."""


class PlageOuvertureDeleted(EntityDeleted):
    """A plage d'ouverture was deleted (by an agent, or by retention a year after it ended)."""

    agent_id: int
    organisation_id: int
    ical_uid: str


class Absence(Contract):
    """Full state of an absence (indisponibilité). It belongs to an agent, not to an organisation,
    and blocks the agent everywhere. A multi-day absence does not recur."""

    id: int
    agent_id: int
    title: str
    first_day: date
    start_time: time = Field(description=_LOCAL)
    end_day: date
    end_time: time = Field(description=_LOCAL)
    rrule: str | None = Field(default=None, description=_RRULE)
    recurrence_ends_at: UtcDatetime | None = Field(
        default=None, description="End of the last day of the recurrence; null when open-ended"
    )
    time_zone: IanaTimeZone
    ical_uid: str
    ical: str = Field(description="The absence as a full iCalendar (ICS) document")
    version: PositiveInt = Field(default=1, description=_VERSION)
    updated_at: UtcDatetime | None = Field(default=None, description="When this state was saved")


class AbsenceCreated(Absence):
    """An absence was created; the payload is its full state."""


class AbsenceUpdated(Absence):
    """An absence changed; the payload is its full new state."""


class AbsenceDeleted(EntityDeleted):
    """An absence was deleted."""

    agent_id: int
    ical_uid: str
