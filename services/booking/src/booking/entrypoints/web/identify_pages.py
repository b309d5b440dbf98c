"""Identification and confirmation: sign in, create an account, or book as a prescripteur."""

import uuid
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from booking.application import book_rdv as book
from booking.application.web_family import family_of
from booking.application.web_motif_notice import motif_notice
from booking.domain.errors import BookingError, InvalidRdv, SlotTaken
from booking.entrypoints.http.dependencies import Collaborators, Deps
from booking.entrypoints.web import journey
from booking.entrypoints.web.clients import AccountRefused
from booking.entrypoints.web.csrf import check_csrf
from booking.entrypoints.web.forms import FormErrors, prescripteur_form, sign_in_form, sign_up_form
from booking.entrypoints.web.templating import message, render, web
from booking.entrypoints.web.usager_session import UsagerSession, current_usager, keep_usager
from booking.entrypoints.web.wizard import Wizard

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])
JOURNEY_COOKIE = "rdv_parcours"


async def _form(request: Request) -> Any:
    return await request.form()


Form = Annotated[Any, Depends(_form)]


async def identify_step(
    request: Request, deps: Collaborators, wizard: Wizard, usager: UsagerSession | None, **extra: Any
) -> HTMLResponse:
    assert wizard.motif_id is not None
    notice = await motif_notice(deps.uow, wizard.motif_id, wizard.lieu_id)
    status = 422 if extra.get("problems") else 200
    values = {"wizard": wizard, "notice": notice, "idempotency_key": str(uuid.uuid4()), **extra}
    if wizard.prescripteur:
        return render(request, "prescripteur.html", status, step=4, title="Vos coordonnées", **values)
    if usager is None:
        return render(request, "identification.html", status, step=4, title="Identification", **values)
    family = await family_of(deps.uow, usager.user_id)
    return render(request, "confirmation.html", status, step=5, title="Confirmation", family=family, **values)


def _for_user_id(form: Any) -> int | None:
    chosen = str(form.get("for_user_id") or "")
    return int(chosen) if chosen.isdigit() else None


def _wizard(form: Any) -> Wizard:
    return Wizard.parse(dict(parse_qsl(str(form.get("parcours") or ""))))


@router.post("/prendre_rdv/connexion")
async def sign_in(request: Request, deps: Deps, form: Form) -> Response:
    wizard = _wizard(form)
    try:
        tokens = await web(request).accounts.sign_in(*sign_in_form(form))
    except (FormErrors, AccountRefused) as exc:
        return await identify_step(
            request, deps, wizard, None, problems=exc.problems, form=form, failed="connexion"
        )
    response = RedirectResponse(wizard.url() if wizard.has_scope else "/usager/rdvs", status_code=303)
    keep_usager(response, tokens.access_token, tokens.expires_in, web(request).secure_cookies)
    return response


@router.post("/prendre_rdv/inscription")
async def sign_up(request: Request, deps: Deps, form: Form) -> Response:
    wizard = _wizard(form)
    try:
        await web(request).accounts.sign_up(**sign_up_form(form))
    except (FormErrors, AccountRefused) as exc:
        return await identify_step(
            request, deps, wizard, None, problems=exc.problems, form=form, failed="inscription"
        )
    text = (
        "Un e-mail de confirmation vient d'être envoyé. Cliquez sur le lien qu'il contient : "
        "vous pourrez ensuite vous connecter et confirmer votre rendez-vous."
    )
    response = message(request, "Vérifiez votre boîte e-mail", text, 200, tone="success")
    response.set_cookie(JOURNEY_COOKIE, wizard.query(), max_age=2 * 86400, httponly=True, samesite="lax")
    return response


@router.post("/prendre_rdv/confirmer")
async def confirm(request: Request, deps: Deps, form: Form) -> Response:
    wizard = _wizard(form)
    usager = await current_usager(request)
    if usager is None or wizard.motif_id is None or wizard.starts_at is None:
        return RedirectResponse(wizard.url(), status_code=303)
    command = book.BookRdv(
        wizard.motif_id,
        wizard.lieu_id,
        wizard.starts_at,
        user_id=usager.user_id,
        for_user_id=_for_user_id(form),
        idempotency_key=str(form.get("idempotency_key") or "") or None,
    )
    try:
        recap = await book.book_rdv(deps.uow, deps.clock, deps.slots, command)
    except BookingError as exc:
        return await _refused(request, deps, wizard, usager.token, exc)
    response = RedirectResponse(f"/usager/rdvs/{recap.rdv.id}?confirme=1", status_code=303)
    response.delete_cookie(JOURNEY_COOKIE)
    return response


@router.post("/prendre_rdv/prescripteur")
async def book_as_prescripteur(request: Request, deps: Deps, form: Form) -> Response:
    wizard = _wizard(form)
    if wizard.motif_id is None or wizard.starts_at is None:
        return RedirectResponse(wizard.url(), status_code=303)
    try:
        prescripteur, beneficiary = prescripteur_form(form)
        command = book.BookRdv(
            wizard.motif_id,
            wizard.lieu_id,
            wizard.starts_at,
            prescripteur=prescripteur,
            beneficiary=beneficiary,
            idempotency_key=str(form.get("idempotency_key") or "") or None,
        )
        recap = await book.book_rdv(deps.uow, deps.clock, deps.slots, command)
    except FormErrors as exc:
        return await identify_step(request, deps, wizard, None, problems=exc.problems, form=form)
    except BookingError as exc:
        return await _refused(request, deps, wizard, None, exc)
    return render(
        request, "recap.html", recap=recap, confirmed=True, prescripteur=True, title="Rendez-vous confirmé"
    )


async def _refused(
    request: Request, deps: Collaborators, wizard: Wizard, token: str | None, exc: BookingError
) -> HTMLResponse:
    """A slot taken meanwhile (or refused by availability): back to the week of that slot."""
    if isinstance(exc, SlotTaken | InvalidRdv) and wizard.starts_at is not None:
        week = wizard.starts_at.date()
        again = Wizard.parse(dict(parse_qsl(wizard.query(starts_at=None, week_start=week))))
        return await journey.slot_step(request, deps, again, token, refusal=str(exc), status=409)
    return message(request, "Réservation impossible", str(exc), 409)
