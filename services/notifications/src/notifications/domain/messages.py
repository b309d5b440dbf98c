"""Rendered messages, stored with their delivery row until sent, so a retry sends the same bytes."""

import uuid
from dataclasses import asdict, dataclass, field
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
    message_id: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False)
    """Left part of the Message-ID header, chosen once and stored with the message: a resend after
    a worker died between sending and recording is the same message for the recipient's mail
    system (RFC 5322 §3.6.4), which shows it once."""

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
