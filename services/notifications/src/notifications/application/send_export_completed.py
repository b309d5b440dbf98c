"""Tell an agent by e-mail that the export they asked for is ready ("Votre export est prêt").

Business rules: the mail goes to the export's owner, the only one who may download it, with a link
to the file; nothing when the agent has no address (an intervenant). Times in the territory's zone.
Recorded as a delivery keyed by the event, so a replayed event sends nothing twice.
"""

from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from rdv_contracts.booking import ExportCompleted
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Composer, Deliveries, LocalCopies
from notifications.domain.copies import DEFAULT_TIME_ZONE
from notifications.domain.delivery import NewDelivery, Subject


@dataclass(frozen=True)
class SendExportCompleted:
    copies: LocalCopies
    deliveries: Deliveries
    composer: Composer
    public_base_url: str

    async def __call__(self, event_id: UUID, export: ExportCompleted) -> int:
        agent = (await self.copies.agents([export.agent_id])).get(export.agent_id)
        if agent is None or not agent.email:
            return 0
        organisation = await self.copies.organisation(export.organisation_id)
        territory = await self.copies.territory(organisation.territory_id) if organisation else None
        zone = ZoneInfo(territory.time_zone if territory else DEFAULT_TIME_ZONE)
        context = {
            **export.model_dump(),
            "agent": agent,
            "download_url": f"{self.public_base_url.rstrip('/')}{export.download_path}",
            "expires_at": export.expires_at.astimezone(zone),
        }
        mail = self.composer.mail("exports/export_completed", agent.email, context)
        subject = Subject(organisation_id=export.organisation_id, agent_id=agent.id)
        return await self.deliveries.record(
            [NewDelivery(event_id, ReceiptEvent.EXPORT_COMPLETED, subject, mail, mail.subject)]
        )
