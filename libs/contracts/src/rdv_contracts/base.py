"""Building blocks shared by every event payload."""

from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field


class Contract(BaseModel):
    """Base of every payload: immutable, and a producer cannot send a field the schema does not declare.

    Consumers parse with `extra="ignore"` (see `registry.parse_payload`), so a newer producer may add
    optional fields without breaking them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")


def _as_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _known_time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"not an IANA time zone: {value!r}") from exc
    return value


UtcDatetime = Annotated[AwareDatetime, AfterValidator(_as_utc)]
"""An instant: refused without a UTC offset, normalised to UTC."""

IanaTimeZone = Annotated[
    str,
    AfterValidator(_known_time_zone),
    Field(description="IANA time zone name, e.g. Europe/Paris, America/Guadeloupe"),
]


class EntityDeleted(Contract):
    """Base of `<entity>.deleted` payloads: the entity is gone, a tombstone follows on compacted topics."""

    id: int
    reason: str | None = Field(
        default=None, description='Why it was deleted: "rgpd" for data-retention deletions, null otherwise'
    )
