from typing import Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from calendar_sync.application import caldav_connection as caldav
from calendar_sync.domain.caller import Caller
from calendar_sync.entrypoints.http.dependencies import Services, current_caller, services

router = APIRouter(prefix="/api/v1/calendar/caldav", tags=["caldav"])


class CaldavIn(BaseModel):
    calendar_url: str = Field(min_length=1, max_length=2000)
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=500)


@router.post("", status_code=201, description=caldav.__doc__)
async def connect(
    body: CaldavIn, caller: Caller = Depends(current_caller), svc: Services = Depends(services)
) -> dict[str, Any]:
    command = caldav.ConnectCaldav(**body.model_dump())
    await caldav.connect_caldav(
        svc.unit_of_work, svc.guard, svc.caldav, svc.sealer, caller, command, svc.clock()
    )
    return await caldav.caldav_status(svc.unit_of_work, svc.sealer, caller)


@router.get("")
async def status(
    caller: Caller = Depends(current_caller), svc: Services = Depends(services)
) -> dict[str, Any]:
    return await caldav.caldav_status(svc.unit_of_work, svc.sealer, caller)


@router.delete("", status_code=204)
async def disconnect(caller: Caller = Depends(current_caller), svc: Services = Depends(services)) -> Response:
    await caldav.disconnect_calendar(svc.unit_of_work, caller, caldav.CHANNEL, svc.clock())
    return Response(status_code=204)
