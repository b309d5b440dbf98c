"""ISO 8601 local times of many instants of one zone, written without a datetime per instant.

A public search answers hundreds of times; `datetime.fromtimestamp(t, zone).isoformat()` for each
was a quarter of the request's CPU. UTC offsets change only at instants that are whole quarter-hours
(every zone's offsets are multiples of 15 minutes), so the offset is looked up once per quarter-hour.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

_QUARTER_HOUR = 900
_DAY = 86400
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class LocalTimes:
    def __init__(self, zone: ZoneInfo) -> None:
        self._zone = zone
        self._offsets: dict[int, tuple[int, str]] = {}
        self._dates: dict[int, str] = {}

    def iso(self, instant: int) -> str:
        """As `datetime.fromtimestamp(instant, zone).isoformat()` for a whole second."""
        offset, suffix = self._offset(instant)
        day_number, seconds = divmod(instant + offset, _DAY)
        day = self._dates.get(day_number)
        if day is None:
            day = self._dates[day_number] = date.fromordinal(_EPOCH_ORDINAL + day_number).isoformat()
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{day}T{hours:02d}:{minutes:02d}:{seconds:02d}{suffix}"

    def _offset(self, instant: int) -> tuple[int, str]:
        quarter = instant // _QUARTER_HOUR
        known = self._offsets.get(quarter)
        if known is None:
            local = datetime.fromtimestamp(instant, self._zone)
            offset = int(local.utcoffset().total_seconds())  # type: ignore[union-attr]
            known = self._offsets[quarter] = (offset, local.isoformat()[19:])
        return known
