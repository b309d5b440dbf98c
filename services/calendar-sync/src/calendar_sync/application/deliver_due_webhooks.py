"""Delivers the webhooks that are due, once each in effect.

Rules (Standard Webhooks 1.0, product decisions):
- each delivery row was written before any attempt; the worker leases due rows with SKIP LOCKED, so
  two workers never send the same delivery at the same time;
- every attempt is signed anew (`webhook-timestamp`), with the same `webhook-id`;
- 2xx delivered; 410 Gone disables the endpoint and tells its admins (an alert event); anything else,
  a redirect or no answer within the timeout is retried on the schedule, for more than 3 days, after
  which the delivery is abandoned and the endpoint disabled the same way;
- a URL that now resolves to a forbidden address fails without any connection being made;
- a body showing an usager erased since it was rendered is scrubbed (and stored so) before it leaves.
"""

import logging
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rdv_contracts.calendar_sync import WebhookEndpointDisabled
from rdv_contracts.registry import envelope

from calendar_sync.application.enqueue_webhooks import body_with_users_replaced
from calendar_sync.application.ports import Clock, HttpOutcome, Sealer, UnitOfWorkFactory, WebhookSender
from calendar_sync.application.records import ClaimedDelivery
from calendar_sync.domain.delivery_schedule import next_delay
from calendar_sync.domain.webhook_signature import signed_headers

if TYPE_CHECKING:
    from calendar_sync.application.ports import UnitOfWork

log = logging.getLogger(__name__)

GONE = "Le destinataire a répondu 410 Gone : le webhook a été désactivé."
ABANDONED = "Le destinataire échoue depuis plus de 3 jours : le webhook a été désactivé."


@dataclass
class WebhookDeliverer:
    unit_of_work: UnitOfWorkFactory
    sender: WebhookSender
    sealer: Sealer
    clock: Clock
    batch_size: int = 20
    lease: timedelta = timedelta(minutes=2)

    async def deliver_due(self) -> int:
        """Delivers one batch; returns how many deliveries were attempted."""
        async with self.unit_of_work() as uow:
            claimed = await uow.stores.deliveries.claim_due(self.clock(), self.batch_size, self.lease)
            claimed = await self._without_erased_users(uow, claimed)
            await uow.commit()
        for delivery in claimed:
            await self._deliver(delivery)
        return len(claimed)

    async def _without_erased_users(
        self, uow: "UnitOfWork", claimed: list[ClaimedDelivery]
    ) -> list[ClaimedDelivery]:
        erased = await uow.stores.erased_users.data_of(u for d in claimed for u in d.user_ids)
        if not erased:
            return claimed
        scrubbed = []
        for delivery in claimed:
            if erased.keys() & set(delivery.user_ids):
                body, user_ids = body_with_users_replaced(delivery.model, delivery.body, erased)
                await uow.stores.deliveries.replace_body(delivery.id, body, user_ids)
                delivery = replace(delivery, body=body, user_ids=user_ids)
            scrubbed.append(delivery)
        return scrubbed

    async def _deliver(self, delivery: ClaimedDelivery) -> None:
        secret = self.sealer.open(delivery.secret_encrypted)
        headers = signed_headers(secret, str(delivery.event_id), int(time.time()), delivery.body)
        outcome = await self.sender.post(delivery.target_url, headers, delivery.body)
        async with self.unit_of_work() as uow:
            await self._record(uow, delivery, outcome)
            await uow.commit()

    async def _record(self, uow: "UnitOfWork", delivery: ClaimedDelivery, outcome: HttpOutcome) -> None:
        stores = uow.stores
        now = self.clock()
        if outcome.ok:
            await stores.deliveries.record(
                delivery.id, status="delivered", status_code=outcome.status, error=None, delivered_at=now
            )
            return
        if outcome.status == 410:
            await stores.deliveries.record(delivery.id, status="gone", status_code=410, error="410 Gone")
            await self._disable(uow, delivery, now, GONE)
            return
        delay = next_delay(delivery.attempts, outcome.retry_after)
        error = outcome.error or f"HTTP {outcome.status}"
        log.warning("webhook delivery %s failed (attempt %d): %s", delivery.id, delivery.attempts, error)
        await stores.deliveries.record(
            delivery.id,
            status="pending" if delay is not None else "failed",
            status_code=outcome.status,
            error=error,
            next_attempt_at=now + delay if delay is not None else None,
        )
        if delay is None:
            await self._disable(uow, delivery, now, ABANDONED)

    async def _disable(
        self, uow: "UnitOfWork", delivery: ClaimedDelivery, now: datetime, reason: str
    ) -> None:
        row = await uow.stores.endpoints.disable(delivery.endpoint_id, reason, now)
        if row is None:
            return
        alert = WebhookEndpointDisabled(
            endpoint_id=row.id, organisation_id=row.organisation_id, target_url=row.target_url, reason=reason
        )
        uow.publish(envelope(alert, aggregate_id=row.id, organisation_id=row.organisation_id))
