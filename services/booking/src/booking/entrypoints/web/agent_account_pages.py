"""The pages behind the two links directory e-mails to agents: an invitation to join an organisation
(choose a name and a password) and a forgotten password. Agents then sign in through the API."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from booking.entrypoints.web.clients import AccountRefused
from booking.entrypoints.web.csrf import check_csrf
from booking.entrypoints.web.identify_pages import Form
from booking.entrypoints.web.templating import message, password_form, render, web

router = APIRouter(include_in_schema=False)
AGENTS_PASSWORD_EDIT = "/agents/password/edit"
Csrf = Depends(check_csrf)

INVITATION_TITLE = "Activer votre compte agent"
PASSWORD_TITLE = "Nouveau mot de passe agent"


def _text(form: Form, name: str) -> str:
    return str(form.get(name) or "").strip()


@router.get("/agents/invitation", response_class=HTMLResponse)
async def invitation_page(request: Request, token: str = "") -> HTMLResponse:
    return render(request, "agent_invitation.html", token=token, form={}, title=INVITATION_TITLE)


@router.post("/agents/invitation", dependencies=[Csrf])
async def accept_invitation(request: Request, form: Form) -> Response:
    token = _text(form, "token")
    try:
        await web(request).agents.accept_invitation(
            token, _text(form, "first_name"), _text(form, "last_name"), str(form.get("password") or "")
        )
    except AccountRefused as exc:
        return render(
            request,
            "agent_invitation.html",
            422,
            token=token,
            form=form,
            problems=exc.problems,
            title=INVITATION_TITLE,
        )
    text = "Votre compte est activé. Vous pouvez vous connecter avec votre adresse e-mail et ce mot de passe."
    return message(request, "Compte activé", text, 200, tone="success")


@router.get(AGENTS_PASSWORD_EDIT, response_class=HTMLResponse)
async def agent_password_page(request: Request, token: str = "") -> HTMLResponse:
    return password_form(request, AGENTS_PASSWORD_EDIT, PASSWORD_TITLE, token)


@router.post(AGENTS_PASSWORD_EDIT, dependencies=[Csrf])
async def agent_password(request: Request, form: Form) -> Response:
    token = _text(form, "token")
    try:
        await web(request).agents.reset_agent_password(token, str(form.get("password") or ""))
    except AccountRefused as exc:
        return password_form(request, AGENTS_PASSWORD_EDIT, PASSWORD_TITLE, token, 422, exc.problems)
    text = "Votre mot de passe a été changé. Connectez-vous avec le nouveau."
    return message(request, "Mot de passe changé", text, 200, tone="success")
