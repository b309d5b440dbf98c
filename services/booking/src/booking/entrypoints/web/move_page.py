"""The page that moves an usager's RDV: a week of free slots for the same motif and lieu."""

from datetime import date, timedelta

from fastapi import Request
from fastapi.responses import Response

from booking.application.web_usager_recap import usager_recap
from booking.domain.errors import RdvNotFound
from booking.entrypoints.http.dependencies import Collaborators
from booking.entrypoints.web.journey import PARIS
from booking.entrypoints.web.templating import message, render, web
from booking.entrypoints.web.usager_session import UsagerSession
from booking.entrypoints.web.week import week_view

TOO_LATE = "Ce rendez-vous ne peut plus être déplacé en ligne."


async def move_page(
    request: Request, deps: Collaborators, usager: UsagerSession, rdv_id: int, refusal: str | None = None
) -> Response:
    try:
        recap = await usager_recap(deps.uow, deps.clock, usager.user_id, rdv_id)
    except RdvNotFound as exc:
        return message(request, "Rendez-vous introuvable", str(exc), 404)
    if not recap.movable:
        return render(request, "refusal.html", 409, recap=recap, text=TOO_LATE, title="Action impossible")
    today = deps.clock().astimezone(PARIS).date()
    start = max(_week_start(request) or today, today)
    rdv = recap.rdv
    found = await web(request).search.slots(
        rdv.motif_id, rdv.lieu_id, (start, start + timedelta(days=6)), False, usager.token
    )
    week = week_view(start, today, found)
    return render(
        request,
        "move.html",
        409 if refusal else 200,
        recap=recap,
        week=week,
        refusal=refusal,
        week_url=lambda day: f"/usager/rdvs/{rdv_id}/deplacer?week_start={day}",
        move_action=f"/usager/rdvs/{rdv_id}/deplacer",
        next_slot=None,
        title="Déplacer le rendez-vous",
    )


def _week_start(request: Request) -> date | None:
    try:
        return date.fromisoformat(request.query_params.get("week_start", ""))
    except ValueError:
        return None
