"""Keeps every agent's busy time from the RDV lifecycle (booking.rdv), in every organisation.

- Non-cancelled RDVs (unknown, waiting, seen, noshow) make each of their agents busy; excused and
  revoked ones do not; a destroyed RDV is forgotten.
- A snapshot whose `version` is not newer than the copy is ignored (replays, reordering).
- Collective RDVs are kept with their seats, for the collective search.
"""

from dataclasses import dataclass
from typing import Protocol

from rdv_contracts.booking import RdvDestroyed, RdvEvent, RdvSnapshot
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload


@dataclass(frozen=True)
class RdvState:
    snapshot: RdvSnapshot
    forgotten: bool = False

    @property
    def blocks_agents(self) -> bool:
        return not self.forgotten and not self.snapshot.status.is_cancelled


class RdvCopies(Protocol):
    async def save(self, state: RdvState) -> bool:
        """Stores the RDV and replaces its busy rows; False when the copy is as new or newer."""
        ...


async def update_busy_times(copies: RdvCopies, event: EventEnvelope) -> None:
    payload = parse_payload(event, RdvEvent)
    await copies.save(RdvState(payload.rdv, forgotten=isinstance(payload, RdvDestroyed)))
