"""The consumer of booking's `export.completed` events: one e-mail to the export's owner."""

from rdv_chassis.messaging.inbox import EventHandler
from rdv_contracts.booking import ExportCompleted
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.deliveries_repository import SqlDeliveries
from notifications.adapters.local_copies import SqlLocalCopies
from notifications.application.send_export_completed import SendExportCompleted
from notifications.bootstrap import Services

CONSUMER = "notifications.exports"
TOPIC = "booking.export"


def export_completed_handler(services: Services) -> EventHandler:
    async def handle(session: AsyncSession, envelope: EventEnvelope) -> None:
        copies, deliveries = SqlLocalCopies(session), SqlDeliveries(session)
        send = SendExportCompleted(copies, deliveries, services.composer, services.settings.public_base_url)
        await send(envelope.event_id, parse_payload(envelope, ExportCompleted))

    return handle
