"""Everything a message about an RDV shows, gathered from the event and the local copies."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rdv_contracts.booking import RdvSnapshot

from notifications.application import references
from notifications.application.ports import LocalCopies
from notifications.domain.copies import (
    DEFAULT_TIME_ZONE,
    AgentCopy,
    LieuCopy,
    MotifCopy,
    OrganisationCopy,
    ServiceCopy,
    TerritoryCopy,
)


@dataclass(frozen=True)
class RdvView:
    rdv: RdvSnapshot
    motif: MotifCopy
    service: ServiceCopy | None
    organisation: OrganisationCopy | None
    territory: TerritoryCopy | None
    lieu: LieuCopy | None
    agents: dict[int, AgentCopy] = field(default_factory=dict)
    previous: RdvSnapshot | None = None

    @property
    def time_zone(self) -> str:
        return self.territory.time_zone if self.territory else DEFAULT_TIME_ZONE

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(ZoneInfo(self.time_zone))

    def context(self) -> dict[str, Any]:
        previous = self.previous
        return {
            "rdv": self.rdv,
            "motif": self.motif,
            "service": self.service,
            "organisation": self.organisation,
            "lieu": self.lieu,
            "location_type": self.motif.location_type.value,
            "starts_at": self.local(self.rdv.starts_at),
            "ends_at": self.local(self.rdv.ends_at),
            "previous_starts_at": self.local(previous.starts_at) if previous else None,
            "agents": [self.agents[a] for a in self.rdv.agent_ids if a in self.agents],
        }


async def load_rdv_view(
    copies: LocalCopies, rdv: RdvSnapshot, previous: RdvSnapshot | None = None
) -> RdvView:
    """Raises LocalCopyMissing when the motif, lieu, organisation or territory is not copied here."""
    motif = await references.motif(copies, rdv)
    organisation, territory = await references.organisation_and_territory(copies, rdv.organisation_id)
    agent_ids = set(rdv.agent_ids) | set(previous.agent_ids if previous else ())
    return RdvView(
        rdv=rdv,
        motif=motif,
        service=await copies.service(motif.service_id),
        organisation=organisation,
        territory=territory,
        lieu=await references.lieu(copies, rdv),
        agents=await copies.agents(agent_ids),
        previous=previous,
    )
