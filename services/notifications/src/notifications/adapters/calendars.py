"""iCalendar invitations (RFC 5545, iTIP methods of RFC 5546) with the `icalendar` package."""

from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText

from notifications.application.rdv_view import RdvView
from notifications.domain.messages import Attachment

PRODID = "-//RDV Solidarités//notifications//FR"


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


class IcsCalendars:
    def __init__(self, organizer_email: str, public_base_url: str) -> None:
        self._organizer = organizer_email
        self._base_url = public_base_url.rstrip("/")

    def rdv(self, view: RdvView, method: str) -> Attachment:
        rdv = view.rdv
        event = Event()
        event.add("uid", str(rdv.uuid))
        event.add("sequence", rdv.sequence)
        event.add("dtstamp", datetime.now(UTC))
        event.add("dtstart", rdv.starts_at.astimezone(UTC))
        event.add("dtend", rdv.ends_at.astimezone(UTC))
        event.add("summary", f"RDV {view.motif.name}")
        event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
        if view.lieu is not None and view.motif.location_type.value != "phone":
            event.add("location", f"{view.lieu.name}, {view.lieu.address}")
        event.add("description", f"RDV {rdv.id} : {self._base_url}/agents/rdvs/{rdv.id}")
        organizer = vCalAddress(f"mailto:{self._organizer}")
        organizer.params["cn"] = vText("RDV Solidarités")
        event.add("organizer", organizer)
        for agent_id in rdv.agent_ids:
            agent = view.agents.get(agent_id)
            if agent is not None and agent.email:
                attendee = vCalAddress(f"mailto:{agent.email}")
                attendee.params["cn"] = vText(agent.full_name)
                attendee.params["role"] = vText("REQ-PARTICIPANT")
                event.add("attendee", attendee, encode=False)
        calendar = _calendar(method)
        calendar.add_component(event)
        return Attachment(f"rdv-{rdv.uuid}.ics", calendar.to_ical().decode(), method)

    def agenda(self, ical: str, method: str, filename: str) -> Attachment:
        source = Calendar.from_ical(ical)
        calendar = _calendar(method)
        for component in source.subcomponents:
            calendar.add_component(component)
        return Attachment(filename, calendar.to_ical().decode(), method)

    def agenda_cancel(self, uid: str, filename: str) -> Attachment:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", datetime.now(UTC))
        event.add("status", "CANCELLED")
        calendar = _calendar("CANCEL")
        calendar.add_component(event)
        return Attachment(filename, calendar.to_ical().decode(), "CANCEL")
