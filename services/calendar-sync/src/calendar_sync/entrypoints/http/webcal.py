from fastapi import APIRouter, Depends, Request, Response

from calendar_sync.application import webcal_feed
from calendar_sync.domain.caller import Caller
from calendar_sync.entrypoints.http.dependencies import Services, current_caller, services

router = APIRouter(tags=["webcal"])


@router.post("/api/v1/calendar/webcal", description=webcal_feed.__doc__)
async def reset_feed(
    caller: Caller = Depends(current_caller), svc: Services = Depends(services)
) -> dict[str, str]:
    url = await webcal_feed.reset_webcal_feed(svc.unit_of_work, caller, svc.links)
    return {"url": url, "webcal_url": url.replace("https://", "webcal://").replace("http://", "webcal://")}


@router.delete("/api/v1/calendar/webcal", status_code=204)
async def remove_feed(
    caller: Caller = Depends(current_caller), svc: Services = Depends(services)
) -> Response:
    await webcal_feed.remove_webcal_feed(svc.unit_of_work, caller)
    return Response(status_code=204)


@router.get("/ical/{token}.ics", response_class=Response, description=webcal_feed.__doc__)
async def feed(token: str, request: Request, svc: Services = Depends(services)) -> Response:
    found = await webcal_feed.render_webcal_feed(
        svc.unit_of_work, svc.renderer, svc.links, token, svc.clock()
    )
    headers = {"ETag": found.etag, "Cache-Control": "private, no-cache"}
    if found.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(found.body, media_type="text/calendar; charset=utf-8", headers=headers)
