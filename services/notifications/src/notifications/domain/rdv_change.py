"""What an RDV lifecycle event means for the people to notify."""

from dataclasses import dataclass
from enum import StrEnum

from rdv_contracts.booking import (
    Actor,
    ActorType,
    RdvCancelled,
    RdvCreated,
    RdvDestroyed,
    RdvEvent,
    RdvSnapshot,
    RdvStatus,
    RdvStatusChanged,
    RdvUpdated,
)
from rdv_contracts.notifications import ReceiptEvent

# A change of these fields is a "RDV modifié" for the usager (reference §5.2: date or place).
USAGER_RELEVANT = frozenset({"starts_at", "lieu_id", "single_use_lieu"})
AGENT_RELEVANT = USAGER_RELEVANT | {"ends_at", "duration_in_min", "agent_ids"}


class ChangeKind(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    CANCELLED = "cancelled"
    STATUS_CHANGED = "status_changed"
    DESTROYED = "destroyed"


@dataclass(frozen=True)
class RdvChange:
    kind: ChangeKind
    rdv: RdvSnapshot
    actor: Actor
    changes: frozenset[str]
    previous: RdvSnapshot | None = None
    previous_status: RdvStatus | None = None

    @classmethod
    def from_event(cls, event: RdvEvent) -> "RdvChange":
        rdv, actor, changes = event.rdv, event.actor, frozenset(event.changes)
        if isinstance(event, RdvUpdated):
            return cls(ChangeKind.UPDATED, rdv, actor, changes, previous=event.previous)
        if isinstance(event, RdvCancelled):
            return cls(ChangeKind.CANCELLED, rdv, actor, changes, previous_status=event.previous_status)
        if isinstance(event, RdvStatusChanged):
            return cls(ChangeKind.STATUS_CHANGED, rdv, actor, changes, previous_status=event.previous_status)
        if isinstance(event, RdvDestroyed):
            return cls(ChangeKind.DESTROYED, rdv, actor, changes)
        if isinstance(event, RdvCreated):
            return cls(ChangeKind.CREATED, rdv, actor, changes)
        raise TypeError(f"not an RDV lifecycle event: {type(event).__name__}")

    @property
    def reconfirmed(self) -> bool:
        """Reference §4.4: a cancelled RDV set back to "unknown" is confirmed again."""
        return (
            self.kind == ChangeKind.STATUS_CHANGED
            and self.previous_status is not None
            and self.previous_status.is_cancelled
            and self.rdv.status == RdvStatus.UNKNOWN
        )

    @property
    def moved(self) -> bool:
        return self.kind == ChangeKind.UPDATED and "starts_at" in self.changes

    def usager_notice(self) -> ReceiptEvent | None:
        if self.kind == ChangeKind.CREATED or self.reconfirmed:
            return ReceiptEvent.RDV_CREATED
        if self.kind == ChangeKind.UPDATED and self.changes & USAGER_RELEVANT:
            return ReceiptEvent.RDV_UPDATED
        if self.kind == ChangeKind.CANCELLED:
            return ReceiptEvent.RDV_CANCELLED
        return None

    @property
    def sms_allowed(self) -> bool:
        """Reference §5.2: a cancellation is texted only when an agent made it."""
        return self.kind != ChangeKind.CANCELLED or self.actor.type == ActorType.AGENT

    def agent_notices(self) -> dict[int, ReceiptEvent]:
        """Per agent: new agents of a moved RDV get "created", removed ones "cancelled" (reference §4.2)."""
        current = list(self.rdv.agent_ids)
        if self.kind == ChangeKind.CREATED or self.reconfirmed:
            return dict.fromkeys(current, ReceiptEvent.RDV_CREATED)
        if self.kind in (ChangeKind.CANCELLED, ChangeKind.DESTROYED):
            return dict.fromkeys(current, ReceiptEvent.RDV_CANCELLED)
        if self.kind != ChangeKind.UPDATED or not self.changes & AGENT_RELEVANT:
            return {}
        before = list(self.previous.agent_ids) if self.previous else current
        notices = {a: ReceiptEvent.RDV_CANCELLED for a in before if a not in current}
        for agent_id in current:
            notices[agent_id] = ReceiptEvent.RDV_UPDATED if agent_id in before else ReceiptEvent.RDV_CREATED
        return notices
