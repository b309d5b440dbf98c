"""Adds the usager pages to booking's API app: routes, static files, clients and error pages."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from booking.config import BookingSettings
from booking.entrypoints.web import (
    account_pages,
    agent_account_pages,
    identify_pages,
    link_pages,
    search_pages,
    space_pages,
)
from booking.entrypoints.web.clients import AgentAccounts, PublicSearch, ServiceDown, UsagerAccounts
from booking.entrypoints.web.csrf import CsrfRefused
from booking.entrypoints.web.space_pages import SignInFirst
from booking.entrypoints.web.templating import WebCollaborators, build_templates, message

HERE = Path(__file__).parent


def mount_web(
    app: FastAPI,
    settings: BookingSettings,
    availability: httpx.AsyncClient | None = None,
    directory: httpx.AsyncClient | None = None,
) -> FastAPI:
    """`availability` and `directory`: clients tests point at doubles; by default the configured URLs."""
    availability = availability or httpx.AsyncClient(base_url=settings.availability_url, timeout=10)
    directory = directory or httpx.AsyncClient(base_url=settings.directory_url, timeout=10)
    app.state.web = WebCollaborators(
        PublicSearch(availability),
        UsagerAccounts(directory),
        build_templates(),
        secure_cookies=settings.public_base_url.startswith("https://"),
        agents=AgentAccounts(directory),
    )
    for module in (search_pages, identify_pages, space_pages, link_pages, account_pages, agent_account_pages):
        app.include_router(module.router)
    static = HERE / "static"
    static.mkdir(exist_ok=True)
    app.mount("/static/web", StaticFiles(directory=HERE / "assets"), name="web-assets")
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_exception_handler(CsrfRefused, _refused_form)
    app.add_exception_handler(ServiceDown, _service_down)
    app.add_exception_handler(SignInFirst, _sign_in_first)
    _close_on_shutdown(app, availability, directory)
    return app


def _close_on_shutdown(app: FastAPI, *clients: httpx.AsyncClient) -> None:
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with inner(app):
            yield
            for client in clients:
                await client.aclose()

    app.router.lifespan_context = lifespan


async def _refused_form(request: Request, exc: Exception) -> HTMLResponse:
    return message(request, "Formulaire expiré", str(exc), 403)


async def _service_down(request: Request, exc: Exception) -> HTMLResponse:
    return message(request, "Service indisponible", str(exc), 503)


async def _sign_in_first(request: Request, exc: Exception) -> RedirectResponse:
    return RedirectResponse("/usager/connexion", status_code=303)
