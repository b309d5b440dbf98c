"""The participation link `/r/<rdv_id>/<token>` of SMS and e-mails: 3 letters, recap, cancel."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from booking.application import link_session
from booking.application import open_link as link
from booking.application.web_link_contact import organisation_contact_of_rdv
from booking.domain.errors import BookingError, LinkLocked, LinkSessionExpired, TooManyAttempts, WrongLetters
from booking.entrypoints.http.dependencies import ClientAddress, Deps
from booking.entrypoints.web.csrf import check_csrf
from booking.entrypoints.web.forms import FormErrors, letters_form
from booking.entrypoints.web.identify_pages import Form
from booking.entrypoints.web.templating import render, web

router = APIRouter(include_in_schema=False)
COOKIE = "rdv_lien"
WRONG = (
    "Les lettres saisies ne correspondent pas au nom de famille, ou ce lien n'est plus valable "
    "(rendez-vous passé). Vérifiez et réessayez."
)
LOCKED = "Trop d'essais : ce lien est bloqué pendant 15 minutes."


def _base(rdv_id: int, token: str) -> str:
    return f"/r/{rdv_id}/{token}"


@router.get("/r/{rdv_id}/{token}", response_class=HTMLResponse)
async def letters_page(request: Request, rdv_id: int, token: str) -> HTMLResponse:
    expired = request.query_params.get("expire") == "1"
    return render(
        request,
        "link_letters.html",
        base=_base(rdv_id, token),
        expired=expired,
        title="Accès à votre rendez-vous",
    )


@router.post("/r/{rdv_id}/{token}", dependencies=[Depends(check_csrf)])
async def answer_letters(
    request: Request, rdv_id: int, token: str, deps: Deps, client: ClientAddress, form: Form
) -> Response:
    base = _base(rdv_id, token)
    try:
        command = link.OpenLink(rdv_id, token, letters_form(form), client)
        session = await link.open_link(deps.uow, deps.clock, deps.limiter, deps.link_secret, command)
    except (FormErrors, WrongLetters) as exc:
        problem = exc.problems["letters"] if isinstance(exc, FormErrors) else WRONG
        return render(
            request, "link_letters.html", 422, base=base, problem=problem, title="Accès à votre rendez-vous"
        )
    except (LinkLocked, TooManyAttempts) as exc:
        status = 423 if isinstance(exc, LinkLocked) else 429
        contact = await organisation_contact_of_rdv(deps.uow, rdv_id)
        text = LOCKED if isinstance(exc, LinkLocked) else str(exc)
        return render(request, "link_locked.html", status, text=text, contact=contact, title="Lien bloqué")
    response = RedirectResponse(f"{base}/rdv", status_code=303)
    response.set_cookie(
        COOKIE,
        session.token,
        max_age=600,
        httponly=True,
        samesite="lax",
        secure=web(request).secure_cookies,
        path=base,
    )
    return response


@router.get("/r/{rdv_id}/{token}/rdv", response_class=HTMLResponse)
async def recap(request: Request, rdv_id: int, token: str, deps: Deps) -> Response:
    try:
        found = await link_session.recap_of_session(deps.uow, deps.clock, request.cookies.get(COOKIE, ""))
    except (LinkSessionExpired, BookingError):
        return RedirectResponse(f"{_base(rdv_id, token)}?expire=1", status_code=303)
    return render(
        request, "recap.html", recap=found, link_base=_base(rdv_id, token), title="Votre rendez-vous"
    )


@router.get("/r/{rdv_id}/{token}/annuler", response_class=HTMLResponse)
async def cancel_form(request: Request, rdv_id: int, token: str, deps: Deps) -> Response:
    base = _base(rdv_id, token)
    try:
        found = await link_session.recap_of_session(deps.uow, deps.clock, request.cookies.get(COOKIE, ""))
    except BookingError:
        return RedirectResponse(f"{base}?expire=1", status_code=303)
    return render(
        request, "cancel.html", recap=found, action=f"{base}/annuler", title="Annuler le rendez-vous"
    )


@router.post("/r/{rdv_id}/{token}/annuler", dependencies=[Depends(check_csrf)])
async def cancel(request: Request, rdv_id: int, token: str, deps: Deps) -> Response:
    base = _base(rdv_id, token)
    session = request.cookies.get(COOKIE, "")
    try:
        await link_session.cancel_via_link(deps.uow, deps.clock, session)
    except LinkSessionExpired:
        return RedirectResponse(f"{base}?expire=1", status_code=303)
    except BookingError as exc:
        found = await link_session.recap_of_session(deps.uow, deps.clock, session)
        return render(request, "refusal.html", 409, recap=found, text=str(exc), title="Action impossible")
    found = await link_session.recap_of_session(deps.uow, deps.clock, session)
    return render(
        request, "recap.html", recap=found, cancelled=True, link_base=base, title="Rendez-vous annulé"
    )
