from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field

from calendar_sync.application import create_webhook_endpoint as create
from calendar_sync.application import update_webhook_endpoint as update
from calendar_sync.application.read_webhook_endpoints import (
    delete_webhook_endpoint,
    list_webhook_deliveries,
    list_webhook_endpoints,
)
from calendar_sync.domain.caller import Caller
from calendar_sync.entrypoints.http.dependencies import Services, current_caller, services

router = APIRouter(prefix="/api/v1/organisations/{organisation_id}/webhook_endpoints", tags=["webhooks"])


class WebhookEndpointIn(BaseModel):
    target_url: str = Field(min_length=1, max_length=2000)
    secret: str = Field(min_length=1, max_length=500)
    subscriptions: list[str] | None = None
    trigger: bool = True


class WebhookEndpointPatch(BaseModel):
    target_url: str | None = Field(default=None, min_length=1, max_length=2000)
    secret: str | None = Field(default=None, min_length=1, max_length=500)
    subscriptions: list[str] | None = None
    trigger: bool = True


@router.get("", description=list_webhook_endpoints.__doc__)
async def list_endpoints(
    organisation_id: int,
    target_url: str | None = None,
    caller: Caller = Depends(current_caller),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    views = await list_webhook_endpoints(svc.unit_of_work, svc.sealer, caller, organisation_id, target_url)
    return {"webhook_endpoints": [asdict(view) for view in views]}


@router.post("", status_code=201, description=create.__doc__)
async def create_endpoint(
    organisation_id: int,
    body: WebhookEndpointIn,
    caller: Caller = Depends(current_caller),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    command = create.CreateWebhookEndpoint(organisation_id=organisation_id, **body.model_dump())
    view = await create.create_webhook_endpoint(
        svc.unit_of_work, svc.guard, svc.sealer, caller, command, svc.clock()
    )
    return {"webhook_endpoint": asdict(view)}


@router.patch("/{endpoint_id}", description=update.__doc__)
async def update_endpoint(
    organisation_id: int,
    endpoint_id: int,
    body: WebhookEndpointPatch,
    caller: Caller = Depends(current_caller),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    command = update.UpdateWebhookEndpoint(
        organisation_id=organisation_id, endpoint_id=endpoint_id, **body.model_dump()
    )
    view = await update.update_webhook_endpoint(
        svc.unit_of_work, svc.guard, svc.sealer, caller, command, svc.clock()
    )
    return {"webhook_endpoint": asdict(view)}


@router.delete("/{endpoint_id}", status_code=204)
async def delete_endpoint(
    organisation_id: int,
    endpoint_id: int,
    caller: Caller = Depends(current_caller),
    svc: Services = Depends(services),
) -> Response:
    await delete_webhook_endpoint(svc.unit_of_work, caller, organisation_id, endpoint_id)
    return Response(status_code=204)


@router.get("/{endpoint_id}/deliveries", description=list_webhook_deliveries.__doc__)
async def list_deliveries(
    organisation_id: int,
    endpoint_id: int,
    page: int = Query(default=1, ge=1),
    caller: Caller = Depends(current_caller),
    svc: Services = Depends(services),
) -> dict[str, Any]:
    rows = await list_webhook_deliveries(
        svc.unit_of_work, caller, organisation_id, endpoint_id, limit=100, offset=(page - 1) * 100
    )
    return {"deliveries": [asdict(row) for row in rows]}
