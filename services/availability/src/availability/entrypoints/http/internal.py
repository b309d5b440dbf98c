"""Internal calls of other services (never routed by the gateway): slot validation for booking."""

from datetime import UTC
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from rdv_chassis.web.instants import CalendarInstant

from availability.application import validate_slot
from availability.entrypoints.http.context import Context
from availability.entrypoints.http.slot_schemas import local_time

router = APIRouter(prefix="/internal/v1/slots", tags=["internal"])


class ValidateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    motif_id: int
    lieu_id: int | None = None
    starts_at: CalendarInstant
    agent_ids: list[int] | None = Field(default=None, description="Null: any agent")
    caller: Literal["agent", "user", "prescripteur"]
    exclude_rdv_id: int | None = Field(
        default=None, ge=1, le=2**63 - 1, description="Moving an RDV: its own busy time does not count"
    )
    invited: bool = Field(default=False, description="An usager who came through an invitation")


class ValidateResponse(BaseModel):
    bookable: bool
    agent_id: int | None = None
    lieu_id: int | None = None
    starts_at: str | None = None
    ends_at: str | None = None
    reason: str | None = None
    message: str | None = None


@router.post("/validate", description=validate_slot.__doc__, response_model_exclude_none=True)
async def validate(body: ValidateRequest, context: Context) -> ValidateResponse:
    command = validate_slot.ValidateSlot(
        body.motif_id, body.lieu_id, body.starts_at, tuple(body.agent_ids) if body.agent_ids else None,
        body.caller, body.exclude_rdv_id, body.invited,
    )  # fmt: skip
    decision = await validate_slot.validate_slot(command, context.catalogs, context.busy, context.clock)
    slot = decision.verdict.slot
    if slot is None:
        return ValidateResponse(
            bookable=False, reason=decision.verdict.reason, message=decision.verdict.message
        )
    zone = body.starts_at.tzinfo or UTC
    return ValidateResponse(
        bookable=True,
        agent_id=slot.agent_id,
        lieu_id=slot.lieu_id,
        starts_at=local_time(slot.starts_at, zone).isoformat(),
        ends_at=local_time(slot.ends_at, zone).isoformat(),
    )
