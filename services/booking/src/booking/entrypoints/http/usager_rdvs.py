"""The usager's space (account holders: `user:<id>` tokens from directory)."""

from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse

from booking.application import book_rdv as book
from booking.application import join_collective_rdv as join
from booking.application import move_rdv_by_user as move
from booking.application import usager_space as space
from booking.entrypoints.http.dependencies import Deps, Usager
from booking.entrypoints.http.presenters import rdv_body
from booking.entrypoints.http.recap_presenter import booked_response
from booking.entrypoints.http.schemas import Join, Move, UsagerBooking

router = APIRouter(prefix="/api/v1/usager", tags=["usager space"])
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


@router.post("/rdvs", status_code=201, description=book.__doc__)
async def book_rdv(
    body: UsagerBooking, deps: Deps, user_id: Usager, key: IdempotencyKey = None
) -> JSONResponse:
    command = book.BookRdv(
        body.motif_id,
        body.lieu_id,
        body.starts_at,
        user_id=user_id,
        for_user_id=body.for_user_id,
        idempotency_key=key,
    )
    return booked_response(await book.book_rdv(deps.uow, deps.clock, deps.slots, command), deps.clock())


@router.get("/rdvs", description=space.__doc__)
async def my_rdvs(deps: Deps, user_id: Usager) -> dict[str, Any]:
    now = deps.clock()
    upcoming, past = space.split_upcoming(await space.my_rdvs(deps.uow, user_id), now)
    return {
        "upcoming": [rdv_body(r, now, for_user=True) for r in upcoming],
        "past": [rdv_body(r, now, for_user=True) for r in past],
    }


@router.post("/rdvs/{rdv_id}/cancel", description=space.cancel_my_rdv.__doc__ or space.__doc__)
async def cancel(rdv_id: int, deps: Deps, user_id: Usager) -> dict[str, Any]:
    rdv = await space.cancel_my_rdv(deps.uow, deps.clock, user_id, rdv_id)
    return {"rdv": rdv_body(rdv, deps.clock(), for_user=True)}


@router.post("/rdvs/{rdv_id}/move", description=move.__doc__)
async def move_rdv(rdv_id: int, body: Move, deps: Deps, user_id: Usager) -> dict[str, Any]:
    rdv = await move.move_rdv_by_user(
        deps.uow, deps.clock, deps.slots, move.MoveRdv(user_id, rdv_id, body.starts_at)
    )
    return {"rdv": rdv_body(rdv, deps.clock(), for_user=True)}


@router.post("/collective_rdvs/{rdv_id}/participations", status_code=201, description=join.__doc__)
async def join_rdv(rdv_id: int, body: Join, deps: Deps, user_id: Usager) -> dict[str, Any]:
    rdv = await join.join_collective_rdv(
        deps.uow, deps.clock, join.JoinCollectiveRdv(rdv_id, user_id, body.for_user_id)
    )
    return {"rdv": rdv_body(rdv, deps.clock(), for_user=True)}
