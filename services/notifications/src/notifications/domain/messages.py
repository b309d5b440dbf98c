"""Rendered messages, stored with their delivery row until sent, so a retry sends the same bytes."""

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    method: str
    """iCalendar METHOD (REQUEST, CANCEL, PUBLISH)."""


@dataclass(frozen=True)
class MailMessage:
    to: str
    subject: str
    text: str
    html: str
    calendar: Attachment | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MailMessage":
        calendar = data.get("calendar")
        return cls(**{**data, "calendar": Attachment(**calendar) if calendar else None})


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str
    segments: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SmsMessage":
        return cls(**data)
