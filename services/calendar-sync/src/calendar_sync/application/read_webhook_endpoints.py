"""An organisation's webhook endpoints and their delivery logs, for its admins and territory admins."""

from calendar_sync.application.ports import Sealer, UnitOfWorkFactory
from calendar_sync.application.records import DeliveryLogRow
from calendar_sync.application.webhook_access import ensure_may_manage_webhooks
from calendar_sync.application.webhook_endpoint_view import WebhookEndpointView
from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import NotFound


async def list_webhook_endpoints(
    unit_of_work: UnitOfWorkFactory,
    sealer: Sealer,
    caller: Caller,
    organisation_id: int,
    target_url: str | None,
) -> list[WebhookEndpointView]:
    async with unit_of_work() as uow:
        await ensure_may_manage_webhooks(uow.stores, caller, organisation_id)
        rows = await uow.stores.endpoints.of_organisation(organisation_id, target_url)
    return [WebhookEndpointView.of(row, sealer) for row in rows]


async def list_webhook_deliveries(
    unit_of_work: UnitOfWorkFactory,
    caller: Caller,
    organisation_id: int,
    endpoint_id: int,
    limit: int,
    offset: int,
) -> list[DeliveryLogRow]:
    """The delivery log: every attempt's outcome, newest first; never the receiver's response body."""
    async with unit_of_work() as uow:
        await ensure_may_manage_webhooks(uow.stores, caller, organisation_id)
        if await uow.stores.endpoints.get(organisation_id, endpoint_id) is None:
            raise NotFound("webhook introuvable")
        return await uow.stores.deliveries.log(endpoint_id, limit, offset)


async def delete_webhook_endpoint(
    unit_of_work: UnitOfWorkFactory, caller: Caller, organisation_id: int, endpoint_id: int
) -> None:
    async with unit_of_work() as uow:
        await ensure_may_manage_webhooks(uow.stores, caller, organisation_id)
        if await uow.stores.endpoints.get(organisation_id, endpoint_id) is None:
            raise NotFound("webhook introuvable")
        await uow.stores.endpoints.remove(endpoint_id)
        await uow.commit()
