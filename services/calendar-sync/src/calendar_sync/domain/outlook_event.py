"""An RDV as a Microsoft Graph event: the same minimal content as the webcal feed (reference §6.2)."""

from datetime import datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from calendar_sync.domain.calendar_entry import CalendarEntry

WARNING = (
    "Ne modifiez pas cet évènement directement dans Outlook : il serait remplacé à la prochaine "
    "modification du rendez-vous. Modifiez le rendez-vous ici :"
)


def outlook_event(entry: CalendarEntry, transaction_id: str) -> dict[str, Any]:
    link = escape(entry.url, quote=True)
    return {
        "subject": entry.summary,
        "body": {
            "contentType": "HTML",
            "content": f'<p><a href="{link}">Voir le rendez-vous</a></p><p>{escape(WARNING)} '
            f'<a href="{link}">{link}</a></p>',
        },
        "start": _time(entry, entry.starts_at),
        "end": _time(entry, entry.ends_at),
        "location": {"displayName": entry.location or ""},
        "attendees": [],
        "sensitivity": "private",
        "transactionId": transaction_id,
    }


def _time(entry: CalendarEntry, instant: datetime) -> dict[str, str]:
    local = instant.astimezone(ZoneInfo(entry.time_zone)).replace(tzinfo=None)
    return {"dateTime": local.isoformat(timespec="seconds"), "timeZone": entry.time_zone}
