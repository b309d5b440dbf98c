"""Receipts of an RDV's e-mails and SMS, for agents (recipients masked)."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from rdv_chassis.auth.principal import Principal

from notifications.application.list_rdv_receipts import ListRdvReceipts
from notifications.domain.receipts import Receipt


class ReceiptOut(BaseModel):
    id: int
    rdv_id: int | None
    rdv_uuid: UUID | None
    organisation_id: int | None
    user_id: int | None
    agent_id: int | None
    event: str
    channel: str
    recipient: str | None
    result: str
    error_message: str | None
    sms_provider: str | None
    sms_count: int | None
    content: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, receipt: Receipt) -> "ReceiptOut":
        return cls(**{**receipt.__dict__, "recipient": receipt.masked_recipient})


class ReceiptsOut(BaseModel):
    receipts: list[ReceiptOut]
    meta: dict[str, Any]


def receipts_router() -> APIRouter:
    from notifications.entrypoints.http.dependencies import current_principal, services

    router = APIRouter(tags=["receipts"])
    Caller = Annotated[Principal, Depends(current_principal)]

    async def list_receipts(principal: Principal, rdv_id: int, services_: Any) -> ReceiptsOut:
        receipts = await ListRdvReceipts(services_.unit())(principal, rdv_id)
        return ReceiptsOut(receipts=[ReceiptOut.of(r) for r in receipts], meta={"total_count": len(receipts)})

    @router.get("/api/v1/rdvs/{rdv_id}/receipts", description=ListRdvReceipts.__doc__)
    async def rdv_receipts(
        rdv_id: int, principal: Caller, s: Annotated[Any, Depends(services)]
    ) -> ReceiptsOut:
        return await list_receipts(principal, rdv_id, s)

    @router.get("/api/v1/receipts", description=ListRdvReceipts.__doc__)
    async def receipts(
        rdv_id: Annotated[int, Query()], principal: Caller, s: Annotated[Any, Depends(services)]
    ) -> ReceiptsOut:
        return await list_receipts(principal, rdv_id, s)

    return router
