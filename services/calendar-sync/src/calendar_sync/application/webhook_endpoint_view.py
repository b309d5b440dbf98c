from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calendar_sync.application.ports import Sealer
    from calendar_sync.application.records import WebhookEndpointRow


@dataclass(frozen=True)
class WebhookEndpointView:
    """An endpoint as shown to its admins: the secret masked but for its last 3 characters."""

    id: int
    organisation_id: int
    target_url: str
    secret: str
    subscriptions: list[str]
    disabled_at: datetime | None
    disabled_reason: str | None
    created_at: datetime

    @classmethod
    def of(cls, row: "WebhookEndpointRow", sealer: "Sealer") -> "WebhookEndpointView":
        secret = sealer.open(row.secret_encrypted)
        return cls(
            id=row.id,
            organisation_id=row.organisation_id,
            target_url=row.target_url,
            secret="*" * max(len(secret) - 3, 0) + secret[-3:],
            subscriptions=list(row.subscriptions),
            disabled_at=row.disabled_at,
            disabled_reason=row.disabled_reason,
            created_at=row.created_at,
        )
