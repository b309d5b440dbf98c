"""Public slot search for usagers and prescripteurs, from an organisation's or a territory's link."""

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from rdv_chassis.errors import NotAuthenticated

from availability.application import (
    find_next_availability,
    list_public_lieux,
    list_public_motifs,
    search_public_slots,
)
from availability.application.public_scope import PublicScope
from availability.domain.booking_rules import Caller
from availability.entrypoints.http.context import Context, UsagerId
from availability.entrypoints.http.local_times import LocalTimes
from availability.entrypoints.http.slot_schemas import (
    NextAvailability,
    NextAvailabilityResponse,
    PublicLieuOut,
    PublicMotifOut,
    PublicMotifsResponse,
    PublicPlaceOut,
    PublicPlacesResponse,
    PublicSlotsResponse,
)

router = APIRouter(prefix="/api/v1/public", tags=["public search"])
Prescripteur = Annotated[bool, Query(description="The caller is a prescripteur booking for an usager")]
WithReferents = Annotated[
    bool,
    Query(description="The signed-in usager's invitation search: the follow-up motifs of their referents"),
]


def _caller(prescripteur: bool) -> Caller:
    return "prescripteur" if prescripteur else "user"


@router.get("/motifs", description=list_public_motifs.__doc__)
async def motifs(
    context: Context,
    territory_id: int | None = None,
    organisation_id: int | None = None,
    prescripteur: Prescripteur = False,
    referents: WithReferents = False,
    usager: UsagerId = None,
) -> PublicMotifsResponse:
    if referents and usager is None:
        raise NotAuthenticated("connectez-vous pour voir les motifs de vos référents")
    scope = PublicScope(territory_id, organisation_id, _caller(prescripteur), usager, referents)
    found = await list_public_motifs.list_public_motifs(scope, *context.readers())
    return PublicMotifsResponse(motifs=[PublicMotifOut(**entry.__dict__) for entry in found])


@router.get("/lieux", description=list_public_lieux.__doc__)
async def lieux(
    motif_key: str,
    context: Context,
    territory_id: int | None = None,
    organisation_id: int | None = None,
    latitude: Annotated[float | None, Query(ge=-90, le=90)] = None,
    longitude: Annotated[float | None, Query(ge=-180, le=180)] = None,
    prescripteur: Prescripteur = False,
    referents: WithReferents = False,
    usager: UsagerId = None,
) -> PublicPlacesResponse:
    scope = PublicScope(territory_id, organisation_id, _caller(prescripteur), usager, referents)
    position = (latitude, longitude) if latitude is not None and longitude is not None else None
    places = await list_public_lieux.list_public_lieux(scope, motif_key, *context.readers(), position)
    return PublicPlacesResponse(
        places=[
            PublicPlaceOut(
                motif_id=p.motif_id,
                organisation_id=p.organisation_id,
                lieu=PublicLieuOut(**{k: getattr(p.lieu, k) for k in PublicLieuOut.model_fields})
                if p.lieu
                else None,
                distance_in_meters=p.distance_in_meters,
                next_availability=NextAvailability.of(p.next_availability, p.zone),
            )
            for p in places
        ]
    )


@router.get("/slots", description=search_public_slots.__doc__, response_model=PublicSlotsResponse)
async def slots(
    motif_id: int,
    from_: Annotated[date, Query(alias="from")],
    to: date,
    context: Context,
    lieu_id: int | None = None,
    prescripteur: Prescripteur = False,
    usager: UsagerId = None,
) -> Response:
    query = search_public_slots.SearchPublicSlots(motif_id, lieu_id, from_, to, _caller(prescripteur), usager)
    found = await search_public_slots.search_public_slots(query, *context.readers())
    local = LocalTimes(found.zone)
    # Hundreds of times per answer, all from the engine: written as JSON directly, in the shape of
    # PublicSlotsResponse (the response model documents it), without building a model per time.
    body = {
        "motif_id": motif_id,
        "lieu_id": lieu_id,
        "time_zone": str(found.zone),
        "days": [
            {
                "date": day.isoformat(),
                "slots": [
                    {
                        "starts_at": local.iso(t.starts_at),
                        "ends_at": local.iso(t.ends_at),
                        "lieu_id": t.lieu_id,
                    }
                    for t in times
                ],
            }
            for day, times in sorted(found.days.items())
        ],
    }
    return Response(json.dumps(body, separators=(",", ":")), media_type="application/json")


@router.get("/next_availability", description=find_next_availability.__doc__)
async def next_availability(
    motif_id: int,
    context: Context,
    lieu_id: int | None = None,
    prescripteur: Prescripteur = False,
    usager: UsagerId = None,
) -> NextAvailabilityResponse:
    query = find_next_availability.FindNextAvailability(
        motif_id, _caller(prescripteur), None, lieu_id, user_id=usager
    )
    found = await find_next_availability.find_next_availability(query, *context.readers())
    return NextAvailabilityResponse(next_availability=NextAvailability.of(found.slot, found.zone))
