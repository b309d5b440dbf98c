"""Apply an SMS provider's delivery report to the receipt."""

from dataclasses import dataclass

from rdv_contracts.notifications import ReceiptResult

from notifications.application.ports import Clock, NotificationsUnit
from notifications.application.receipt_events import receipt_event
from notifications.domain.errors import DeliveryReportNotFound
from notifications.domain.receipts import Receipt


@dataclass(frozen=True)
class RecordDeliveryReport:
    """Business rules: the receipt moves forward only (processed → sent → delivered or failure), a
    repeated report changes nothing, and every change publishes `receipt.updated`; a report about an
    unknown message is refused (404)."""

    unit: NotificationsUnit
    clock: Clock

    async def __call__(
        self, provider: str, message_id: str, result: ReceiptResult, error: str | None
    ) -> Receipt | None:
        async with self.unit as unit:
            receipt = await unit.store.report(provider, message_id, result, error, self.clock())
            if receipt is None:
                if not await unit.store.exists(provider, message_id):
                    raise DeliveryReportNotFound()
                return None
            unit.publish(receipt_event(receipt, created=False))
            await unit.commit()
            return receipt
