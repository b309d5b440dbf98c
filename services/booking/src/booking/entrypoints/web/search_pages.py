"""GET pages of the booking journey: `/`, organisation links and `/prendre_rdv` with the journey's state."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from booking.entrypoints.http.dependencies import Deps
from booking.entrypoints.web import journey
from booking.entrypoints.web.identify_pages import identify_step
from booking.entrypoints.web.templating import render
from booking.entrypoints.web.usager_session import current_usager
from booking.entrypoints.web.wizard import Wizard

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    return render(request, "home.html", title="Accueil")


@router.get("/org/{organisation_id}")
async def organisation_link(organisation_id: int) -> RedirectResponse:
    return RedirectResponse(Wizard(public_link_organisation_id=organisation_id).url(), status_code=303)


@router.get("/prendre_rdv", response_class=HTMLResponse)
async def booking_journey(request: Request, deps: Deps) -> Response:
    wizard = Wizard.parse(request.query_params)
    if not wizard.has_scope:
        return render(request, "home.html", title="Accueil")
    usager = None if wizard.prescripteur else await current_usager(request)
    token = usager.token if usager else None
    step = wizard.step()
    if step == "motif":
        return await journey.motif_step(request, wizard, token)
    if step == "lieu":
        return await journey.lieu_step(request, deps, wizard, token)
    if step == "creneau":
        return await journey.slot_step(request, deps, wizard, token)
    return await identify_step(request, deps, wizard, usager)
