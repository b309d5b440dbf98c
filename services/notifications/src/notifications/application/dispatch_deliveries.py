"""Send the deliveries that are due: e-mails over SMTP, SMS through the territory's provider."""

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from notifications.application.ports import Clock, Mailer, NotificationsUnit, SmsGateway
from notifications.application.receipt_events import receipt_event
from notifications.domain.backoff import FIRST_DELAY, retry_delay
from notifications.domain.delivery import ClaimedDelivery, SendFailure, SmsAccepted
from notifications.domain.messages import MailMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchDeliveries:
    """Business rules:

    - a delivery is leased before it is attempted; a worker that dies mid-send leaves it to another one
      once the lease runs out, so at most the in-flight sends can repeat, never a settled one;
    - transient failures are retried with exponential backoff, `max_attempts` times in all;
      permanent ones (refused address, provider's 4xx) fail at once;
    - each settled delivery publishes its receipt (`receipt.created`) in the same transaction.
    """

    units: Callable[[], NotificationsUnit]
    mailer: Mailer
    sms_gateways: Mapping[str, SmsGateway]
    clock: Clock
    max_attempts: int = 8
    batch_size: int = 50
    lease_seconds: float = 120
    concurrency: int = 10
    first_retry_delay: timedelta = FIRST_DELAY

    async def __call__(self) -> int:
        async with self.units() as unit:
            claimed = await unit.store.claim_due(self.clock(), self.batch_size, self.lease_seconds)
            await unit.commit()
        limit = asyncio.Semaphore(self.concurrency)

        async def settle(delivery: ClaimedDelivery) -> None:
            async with limit:
                await self._settle(delivery)

        await asyncio.gather(*(settle(delivery) for delivery in claimed))
        return len(claimed)

    async def _settle(self, delivery: ClaimedDelivery) -> None:
        try:
            accepted = await self._attempt(delivery)
        except SendFailure as failure:
            await self._failed(delivery, failure)
        except Exception as exc:  # an unexpected error must not stop the other sends
            log.exception("delivery %s: unexpected error", delivery.id)
            await self._failed(delivery, SendFailure(f"{type(exc).__name__}: {exc}"))
        else:
            async with self.units() as unit:
                receipt = await unit.store.mark_sent(delivery.id, self.clock(), accepted)
                unit.publish(receipt_event(receipt, created=True))
                await unit.commit()

    async def _attempt(self, delivery: ClaimedDelivery) -> SmsAccepted | None:
        if isinstance(delivery.message, MailMessage):
            await self.mailer.send(delivery.message)
            return None
        gateway = self.sms_gateways.get(delivery.sms_provider or "")
        if gateway is None:
            raise SendFailure(f"no SMS provider {delivery.sms_provider!r}", permanent=True)
        return await gateway.send(delivery.message, reference=str(delivery.id))

    async def _failed(self, delivery: ClaimedDelivery, failure: SendFailure) -> None:
        now = self.clock()
        log.warning("delivery %s attempt %d failed: %s", delivery.id, delivery.attempts, failure.reason)
        async with self.units() as unit:
            if failure.permanent or delivery.attempts >= self.max_attempts:
                receipt = await unit.store.mark_failed(delivery.id, now, failure.reason)
                unit.publish(receipt_event(receipt, created=True))
            else:
                next_at = now + retry_delay(delivery.attempts, self.first_retry_delay)
                await unit.store.mark_retry(delivery.id, failure.reason, next_at)
            await unit.commit()
