"""Public endpoints without an account: prescripteur booking and participation links."""

from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse

from booking.application import book_rdv as book
from booking.application import link_session
from booking.application import open_link as link
from booking.entrypoints.http.dependencies import ClientAddress, Deps
from booking.entrypoints.http.presenters import rdv_body
from booking.entrypoints.http.recap_presenter import booked_response, recap_body
from booking.entrypoints.http.schemas import LinkAnswer, PrescripteurBooking

router = APIRouter(prefix="/api/v1/public", tags=["public"])
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]
SessionToken = Annotated[str, Header(alias="X-Link-Session", max_length=100)]


@router.post("/prescripteur/rdvs", status_code=201, description=book.__doc__)
async def book_for_beneficiary(
    body: PrescripteurBooking, deps: Deps, key: IdempotencyKey = None
) -> JSONResponse:
    command = book.BookRdv(
        body.motif_id,
        body.lieu_id,
        body.starts_at,
        prescripteur=body.prescripteur,
        beneficiary=body.beneficiary,
        idempotency_key=key,
    )
    return booked_response(await book.book_rdv(deps.uow, deps.clock, deps.slots, command), deps.clock())


@router.post("/rdv_links/{rdv_id}/{token}/session", status_code=201, description=link.__doc__)
async def answer_letters(
    rdv_id: int, token: str, body: LinkAnswer, deps: Deps, client: ClientAddress
) -> dict[str, Any]:
    command = link.OpenLink(rdv_id, token, body.letters, client)
    session = await link.open_link(deps.uow, deps.clock, deps.limiter, deps.link_secret, command)
    return {
        "session_token": session.token,
        "expires_at": session.expires_at.isoformat(),
        "rdv_id": session.rdv_id,
    }


@router.get("/rdv_links/session", description=link_session.__doc__)
async def recap(deps: Deps, session: SessionToken) -> dict[str, Any]:
    return recap_body(await link_session.recap_of_session(deps.uow, deps.clock, session), deps.clock())


@router.post("/rdv_links/session/cancel", description=link_session.__doc__)
async def cancel(deps: Deps, session: SessionToken) -> dict[str, Any]:
    rdv = await link_session.cancel_via_link(deps.uow, deps.clock, session)
    return {"rdv": rdv_body(rdv, deps.clock(), for_user=True)}
