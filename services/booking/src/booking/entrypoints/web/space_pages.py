"""The usager space: RDVs of the usager and their relatives, one RDV's recap, cancelling and moving."""

import contextlib
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from booking.application import move_rdv_by_user as move
from booking.application import usager_space
from booking.application.web_usager_recap import usager_recap
from booking.application.web_usager_space import space_recaps
from booking.domain.errors import BookingError, RdvNotFound
from booking.entrypoints.http.dependencies import Deps
from booking.entrypoints.web.csrf import check_csrf
from booking.entrypoints.web.identify_pages import Form
from booking.entrypoints.web.move_page import move_page
from booking.entrypoints.web.templating import message, render
from booking.entrypoints.web.usager_session import UsagerSession, current_usager, forget_usager

router = APIRouter(include_in_schema=False)
Csrf = Depends(check_csrf)


class SignInFirst(Exception):
    pass


async def _usager(request: Request) -> UsagerSession:
    found = await current_usager(request)
    if found is None:
        raise SignInFirst()
    return found


Usager = Annotated[UsagerSession, Depends(_usager)]


@router.get("/usager/rdvs", response_class=HTMLResponse)
async def my_rdvs(request: Request, deps: Deps, usager: Usager) -> HTMLResponse:
    found = await space_recaps(deps.uow, deps.clock, usager.user_id)
    return render(request, "space.html", space=found, title="Mes rendez-vous")


@router.get("/usager/rdvs/{rdv_id}", response_class=HTMLResponse)
async def one_rdv(
    request: Request, rdv_id: int, deps: Deps, usager: Usager, confirme: bool = False
) -> Response:
    try:
        recap = await usager_recap(deps.uow, deps.clock, usager.user_id, rdv_id)
    except RdvNotFound as exc:
        return message(request, "Rendez-vous introuvable", str(exc), 404)
    return render(
        request, "recap.html", recap=recap, confirmed=confirme, space=True, title="Votre rendez-vous"
    )


@router.get("/usager/rdvs/{rdv_id}/annuler", response_class=HTMLResponse)
async def cancel_form(request: Request, rdv_id: int, deps: Deps, usager: Usager) -> Response:
    try:
        recap = await usager_recap(deps.uow, deps.clock, usager.user_id, rdv_id)
    except RdvNotFound as exc:
        return message(request, "Rendez-vous introuvable", str(exc), 404)
    return render(
        request,
        "cancel.html",
        recap=recap,
        action=f"/usager/rdvs/{rdv_id}/annuler",
        title="Annuler le rendez-vous",
    )


@router.post("/usager/rdvs/{rdv_id}/annuler", dependencies=[Csrf])
async def cancel(request: Request, rdv_id: int, deps: Deps, usager: Usager) -> Response:
    try:
        await usager_space.cancel_my_rdv(deps.uow, deps.clock, usager.user_id, rdv_id)
        recap = await usager_recap(deps.uow, deps.clock, usager.user_id, rdv_id)
    except BookingError as exc:
        return await _refusal(request, deps, usager, rdv_id, exc)
    return render(request, "recap.html", recap=recap, cancelled=True, space=True, title="Rendez-vous annulé")


@router.get("/usager/rdvs/{rdv_id}/deplacer", response_class=HTMLResponse)
async def move_form(request: Request, rdv_id: int, deps: Deps, usager: Usager) -> Response:
    return await move_page(request, deps, usager, rdv_id)


@router.post("/usager/rdvs/{rdv_id}/deplacer", dependencies=[Csrf])
async def move_rdv(request: Request, rdv_id: int, deps: Deps, usager: Usager, form: Form) -> Response:
    try:
        starts_at = datetime.fromisoformat(str(form.get("starts_at")))
        command = move.MoveRdv(usager.user_id, rdv_id, starts_at)
        await move.move_rdv_by_user(deps.uow, deps.clock, deps.slots, command)
    except ValueError:
        return await move_page(request, deps, usager, rdv_id, refusal="Choisissez un créneau dans la liste.")
    except BookingError as exc:
        return await _refusal(request, deps, usager, rdv_id, exc)
    return RedirectResponse(f"/usager/rdvs/{rdv_id}?confirme=1", status_code=303)


@router.post("/usager/deconnexion", dependencies=[Csrf])
async def sign_out() -> Response:
    response = RedirectResponse("/", status_code=303)
    forget_usager(response)
    return response


async def _refusal(
    request: Request, deps: Deps, usager: UsagerSession, rdv_id: int, exc: BookingError
) -> Response:
    recap: Any = None
    with contextlib.suppress(RdvNotFound):
        recap = await usager_recap(deps.uow, deps.clock, usager.user_id, rdv_id)
    return render(request, "refusal.html", 409, recap=recap, text=str(exc), title="Action impossible")
