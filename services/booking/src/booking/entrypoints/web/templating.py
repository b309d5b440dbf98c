"""Rendering a page: the Jinja2 templates, the CSRF token of its forms, and the page title rule."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from booking.entrypoints.web.clients import AgentAccounts, PublicSearch, UsagerAccounts
from booking.entrypoints.web.csrf import csrf_token, keep_csrf_cookie
from booking.entrypoints.web.formatting import day_label, long_datetime, time_label
from booking.entrypoints.web.wizard import STEPS

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class WebCollaborators:
    search: PublicSearch
    accounts: UsagerAccounts
    templates: Jinja2Templates
    secure_cookies: bool
    agents: AgentAccounts


def build_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATES)
    templates.env.filters.update(
        long_datetime=long_datetime,
        day_label=day_label,
        time_label=time_label,
        fromiso=datetime.fromisoformat,
    )
    templates.env.globals.update(steps=STEPS)
    return templates


def web(request: Request) -> WebCollaborators:
    found: WebCollaborators = request.app.state.web
    return found


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    collaborators = web(request)
    values = {"csrf_token": csrf_token(request), **context}
    response = collaborators.templates.TemplateResponse(request, template, values, status_code=status)
    keep_csrf_cookie(request, response, collaborators.secure_cookies)
    return response


def password_form(
    request: Request,
    action: str,
    title: str,
    token: str,
    status: int = 200,
    problems: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The new-password form behind a mailed link: the usagers' and the agents' post to their own route."""
    context = {"token": token, "problems": problems, "title": title, "action": action}
    return render(request, "password_edit.html", status, **context)


def message(request: Request, title: str, text: str, status: int, **context: Any) -> HTMLResponse:
    """A page that only explains a refusal or an outcome."""
    return render(request, "message.html", status, title=title, text=text, **context)
