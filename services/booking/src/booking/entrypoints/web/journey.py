"""The steps of the booking journey before identification: motif, instructions, lieu, week of slots."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse

from booking.application.web_motif_notice import motif_notice
from booking.entrypoints.http.dependencies import Collaborators
from booking.entrypoints.web.lieux_order import ordered_places
from booking.entrypoints.web.templating import render, web
from booking.entrypoints.web.week import week_view
from booking.entrypoints.web.wizard import Wizard

PARIS = ZoneInfo("Europe/Paris")


async def motif_step(request: Request, wizard: Wizard, token: str | None) -> HTMLResponse:
    motifs = await web(request).search.motifs(wizard.scope, token)
    return render(request, "motifs.html", wizard=wizard, motifs=motifs, step=1, title="Choix du motif")


async def lieu_step(request: Request, deps: Collaborators, wizard: Wizard, token: str | None) -> HTMLResponse:
    key = wizard.motif_name_with_location_type
    assert key is not None
    places = await web(request).search.places(wizard.scope, key, wizard.position, token)
    notice = await motif_notice(deps.uow, places[0]["motif_id"]) if places else None
    if notice and notice.collectif:
        return render(
            request, "collective.html", wizard=wizard, notice=notice, step=1, title="Atelier collectif"
        )
    if notice and notice.restriction and not wizard.restriction_accepted:
        return render(request, "restriction.html", wizard=wizard, notice=notice, step=1, title="Informations")
    ordered = ordered_places(places, wizard.address, wizard.position is not None)
    return render(request, "lieux.html", wizard=wizard, ordered=ordered, step=2, title="Choix du lieu")


async def slot_step(
    request: Request,
    deps: Collaborators,
    wizard: Wizard,
    token: str | None,
    refusal: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    assert wizard.motif_id is not None
    today = deps.clock().astimezone(PARIS).date()
    start = max(wizard.week_start or today, today)
    search = web(request).search
    found = await search.slots(
        wizard.motif_id, wizard.lieu_id, (start, _last(start)), wizard.prescripteur, token
    )
    week = week_view(start, today, found)
    upcoming = None
    if week.empty:
        upcoming = await search.next_availability(wizard.motif_id, wizard.lieu_id, wizard.prescripteur, token)
    return render(
        request,
        "creneaux.html",
        status,
        wizard=wizard,
        week=week,
        next_slot=_next_slot(upcoming),
        refusal=refusal,
        week_url=lambda day: wizard.url(week_start=day, starts_at=None),
        step=3,
        title="Choix du créneau",
    )


def _last(start: date) -> date:
    return date.fromordinal(start.toordinal() + 6)


def _next_slot(found: dict[str, Any] | None) -> datetime | None:
    return datetime.fromisoformat(found["starts_at"]) if found else None
