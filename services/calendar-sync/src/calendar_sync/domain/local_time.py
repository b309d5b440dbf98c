from datetime import datetime
from zoneinfo import ZoneInfo

DEFAULT_TIME_ZONE = "Europe/Paris"


def local_iso(value: str | datetime | None, time_zone: str = DEFAULT_TIME_ZONE) -> str | None:
    """An instant as the existing system writes it: local time, milliseconds and offset."""
    if value is None:
        return None
    instant = datetime.fromisoformat(value) if isinstance(value, str) else value
    return instant.astimezone(ZoneInfo(time_zone)).isoformat(timespec="milliseconds")
