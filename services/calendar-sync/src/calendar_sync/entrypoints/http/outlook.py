from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse

from calendar_sync.application import outlook_connection as outlook
from calendar_sync.application.caldav_connection import disconnect_calendar
from calendar_sync.domain.caller import Caller
from calendar_sync.entrypoints.http.dependencies import Services, current_caller, services
from calendar_sync.entrypoints.http.outlook_page import connected_page, failed_page, handled_errors

router = APIRouter(prefix="/api/v1/outlook", tags=["outlook"])


@router.post("/connection", description=outlook.__doc__)
async def start(
    caller: Caller = Depends(current_caller), svc: Services = Depends(services)
) -> dict[str, str]:
    url = await outlook.start_outlook_connection(svc.unit_of_work, svc.outlook, svc.sealer, caller)
    return {"authorization_url": url}


@router.get(
    "/callback",
    response_class=HTMLResponse,
    description="Where Microsoft sends the agent's browser back: a page in French says whether it worked.",
)
async def callback(request: Request, svc: Services = Depends(services)) -> HTMLResponse:
    params = dict(request.query_params)
    try:
        await outlook.complete_outlook_connection(
            svc.unit_of_work, svc.outlook, svc.sealer, params, svc.clock()
        )
    except handled_errors() as error:
        return failed_page(error)
    return connected_page()


@router.get("/connection")
async def status(
    caller: Caller = Depends(current_caller), svc: Services = Depends(services)
) -> dict[str, Any]:
    return await outlook.outlook_status(svc.unit_of_work, caller)


@router.delete("/connection", status_code=204)
async def disconnect(caller: Caller = Depends(current_caller), svc: Services = Depends(services)) -> Response:
    await disconnect_calendar(svc.unit_of_work, caller, outlook.CHANNEL, svc.clock())
    return Response(status_code=204)
