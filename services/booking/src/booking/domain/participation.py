from dataclasses import dataclass

from rdv_contracts.booking import Beneficiary, CreatorType, RdvStatus

from booking.domain.statuses import CANCELLED


@dataclass
class Participation:
    """One usager of an RDV: an account holder (`user_id`) or a prescripteur's beneficiary."""

    user_id: int | None
    status: RdvStatus
    send_lifecycle_notifications: bool
    send_reminder_notification: bool
    created_by_type: CreatorType
    created_by_id: int | None
    beneficiary: Beneficiary | None = None
    created_by_agent_prescripteur: bool = False
    id: int | None = None

    @property
    def is_cancelled(self) -> bool:
        return self.status in CANCELLED
