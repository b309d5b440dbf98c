"""Account pages behind directory's e-mailed links, and sign-in outside the booking journey."""

from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from booking.entrypoints.web.clients import AccountRefused
from booking.entrypoints.web.csrf import check_csrf
from booking.entrypoints.web.forms import FormErrors, sign_in_form
from booking.entrypoints.web.identify_pages import JOURNEY_COOKIE, Form
from booking.entrypoints.web.templating import message, password_form, render, web
from booking.entrypoints.web.usager_session import keep_usager
from booking.entrypoints.web.wizard import Wizard

router = APIRouter(include_in_schema=False)
USERS_PASSWORD_EDIT = "/users/password/edit"
Csrf = Depends(check_csrf)


def _after_sign_in(request: Request) -> str:
    """Back to the booking journey left to confirm the e-mail, else to the usager's RDVs."""
    wizard = Wizard.parse(dict(parse_qsl(request.cookies.get(JOURNEY_COOKIE, ""))))
    return wizard.url() if wizard.has_scope else "/usager/rdvs"


@router.get("/usager/connexion", response_class=HTMLResponse)
async def sign_in_page(request: Request) -> HTMLResponse:
    return render(request, "sign_in.html", title="Connexion")


@router.post("/usager/connexion", dependencies=[Csrf])
async def sign_in(request: Request, form: Form) -> Response:
    try:
        tokens = await web(request).accounts.sign_in(*sign_in_form(form))
    except (FormErrors, AccountRefused) as exc:
        return render(request, "sign_in.html", 422, problems=exc.problems, form=form, title="Connexion")
    response = RedirectResponse(_after_sign_in(request), status_code=303)
    keep_usager(response, tokens.access_token, tokens.expires_in, web(request).secure_cookies)
    return response


@router.get("/users/confirmation", response_class=HTMLResponse)
async def confirmation_page(request: Request, token: str = "") -> HTMLResponse:
    return render(request, "confirm_email.html", token=token, title="Confirmation de votre adresse e-mail")


@router.post("/users/confirmation", dependencies=[Csrf])
async def confirm_email(request: Request, form: Form) -> Response:
    try:
        await web(request).accounts.confirm_email(str(form.get("token") or ""))
    except AccountRefused:
        text = (
            "Ce lien de confirmation n'est plus valable. Inscrivez-vous à nouveau pour en recevoir un autre."
        )
        return message(request, "Lien expiré", text, 410)
    done = "Votre adresse e-mail est confirmée. Connectez-vous pour continuer."
    return render(request, "sign_in.html", notice=done, title="Connexion")


@router.get("/usager/mot_de_passe_oublie", response_class=HTMLResponse)
async def forgotten_password_page(request: Request) -> HTMLResponse:
    return render(request, "password_request.html", title="Mot de passe oublié")


@router.post("/usager/mot_de_passe_oublie", dependencies=[Csrf])
async def forgotten_password(request: Request, form: Form) -> Response:
    try:
        await web(request).accounts.request_password_reset(str(form.get("email") or "").strip())
    except AccountRefused as exc:
        return render(
            request,
            "password_request.html",
            422,
            problems={"email": exc.problems.get("email") or str(exc)},
            title="Mot de passe oublié",
        )
    text = (
        "Si un compte existe pour cette adresse, un e-mail avec un lien pour choisir "
        "un nouveau mot de passe a été envoyé."
    )
    return message(request, "Vérifiez votre boîte e-mail", text, 200, tone="success")


@router.get(USERS_PASSWORD_EDIT, response_class=HTMLResponse)
async def new_password_page(request: Request, token: str = "") -> HTMLResponse:
    return password_form(request, USERS_PASSWORD_EDIT, "Nouveau mot de passe", token)


@router.post(USERS_PASSWORD_EDIT, dependencies=[Csrf])
async def new_password(request: Request, form: Form) -> Response:
    token = str(form.get("token") or "")
    try:
        await web(request).accounts.reset_password(token, str(form.get("password") or ""))
    except AccountRefused as exc:
        return password_form(request, USERS_PASSWORD_EDIT, "Nouveau mot de passe", token, 422, exc.problems)
    done = "Votre mot de passe a été changé. Connectez-vous avec le nouveau."
    return render(request, "sign_in.html", notice=done, title="Connexion")
