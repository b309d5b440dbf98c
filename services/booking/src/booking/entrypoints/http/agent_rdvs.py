"""The agents' RDV API (also used by integrations with an API token)."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from rdv_chassis.web.pagination import PageParams
from rdv_contracts.booking import RdvStatus

from booking.application import create_rdv as create
from booking.application import delete_rdv as remove
from booking.application import participation_link as link
from booking.application import read_rdvs as read
from booking.application import set_participation_status as participation
from booking.application import set_rdv_status as status
from booking.application import update_rdv as change
from booking.application.ports import RdvFilters
from booking.entrypoints.http.dependencies import Agent, Deps
from booking.entrypoints.http.presenters import rdv_body
from booking.entrypoints.http.schemas import ParticipationChange, RdvChange, RdvCreation, StatusChange

router = APIRouter(prefix="/api/v1", tags=["rdvs (agents)"])


async def _one(deps: Deps, access: Agent, rdv_id: int) -> dict[str, Any]:
    page = await read.get_rdv(deps.uow, access, rdv_id)
    return {"rdv": rdv_body(page.rdvs[0], deps.clock(), page.time_zone)}


@router.get("/organisations/{organisation_id}/rdvs", description=read.__doc__)
async def list_rdvs(
    organisation_id: int,
    deps: Deps,
    access: Agent,
    page: PageParams,
    agent_id: int | None = None,
    motif_id: int | None = None,
    lieu_id: int | None = None,
    status: RdvStatus | None = None,
    user_id: int | None = None,
    starts_after: Annotated[datetime | None, Query()] = None,
    starts_before: Annotated[datetime | None, Query()] = None,
) -> dict[str, Any]:
    filters = RdvFilters(
        organisation_id,
        agent_id,
        motif_id,
        lieu_id,
        status.value if status else None,
        user_id,
        starts_after,
        starts_before,
    )
    found = await read.list_rdvs(deps.uow, access, filters, page.offset, page.limit)
    now = deps.clock()
    return {"rdvs": [rdv_body(r, now, found.time_zone) for r in found.rdvs], "meta": page.meta(found.total)}


@router.get(
    "/organisations/{organisation_id}/rdvs/unknown_past_counts", description=read.unknown_past_counts.__doc__
)
async def unknown_past_counts(organisation_id: int, deps: Deps, access: Agent) -> dict[str, Any]:
    counts = await read.unknown_past_counts(deps.uow, access, organisation_id, deps.clock())
    return {"counts": [{"agent_id": agent, "count": n} for agent, n in sorted(counts.items())]}


@router.post("/organisations/{organisation_id}/rdvs", status_code=201, description=create.__doc__)
async def create_rdv(organisation_id: int, body: RdvCreation, deps: Deps, access: Agent) -> dict[str, Any]:
    command = create.CreateRdv(
        organisation_id=organisation_id,
        **body.model_dump(exclude={"single_use_lieu"}),
        single_use_lieu=body.single_use_lieu,
    )
    rdv = await create.create_rdv(deps.uow, deps.clock, access, command)
    return {"rdv": rdv_body(rdv, deps.clock())}


@router.get("/rdvs/{rdv_id}", description=read.__doc__)
async def get_rdv(rdv_id: int, deps: Deps, access: Agent) -> dict[str, Any]:
    return await _one(deps, access, rdv_id)


@router.patch("/rdvs/{rdv_id}", description=change.__doc__)
async def update_rdv(rdv_id: int, body: RdvChange, deps: Deps, access: Agent) -> dict[str, Any]:
    command = change.UpdateRdv(
        rdv_id=rdv_id,
        **body.model_dump(exclude={"single_use_lieu"}),
        single_use_lieu=body.single_use_lieu,
        fields_set=frozenset(body.model_fields_set),
    )
    rdv = await change.update_rdv(deps.uow, deps.clock, access, command)
    return {"rdv": rdv_body(rdv, deps.clock())}


@router.post("/rdvs/{rdv_id}/status", description=status.__doc__)
async def set_status(rdv_id: int, body: StatusChange, deps: Deps, access: Agent) -> dict[str, Any]:
    command = status.SetRdvStatus(rdv_id, body.status, body.force)
    return {"rdv": rdv_body(await status.set_rdv_status(deps.uow, deps.clock, access, command), deps.clock())}


@router.post("/rdvs/{rdv_id}/cancel", description="Cancel for the service: the status becomes `revoked`.")
async def cancel(rdv_id: int, deps: Deps, access: Agent) -> dict[str, Any]:
    command = status.SetRdvStatus(rdv_id, RdvStatus.REVOKED)
    return {"rdv": rdv_body(await status.set_rdv_status(deps.uow, deps.clock, access, command), deps.clock())}


@router.delete("/rdvs/{rdv_id}", status_code=204, description=remove.__doc__)
async def delete_rdv(rdv_id: int, deps: Deps, access: Agent) -> Response:
    await remove.delete_rdv(deps.uow, deps.clock, access, rdv_id)
    return Response(status_code=204)


@router.patch("/participations/{participation_id}", description=participation.__doc__)
async def set_participation(
    participation_id: int, body: ParticipationChange, deps: Deps, access: Agent
) -> dict[str, Any]:
    command = participation.SetParticipationStatus(participation_id, body.status)
    rdv = await participation.set_participation_status(deps.uow, deps.clock, access, command)
    return {"rdv": rdv_body(rdv, deps.clock())}


@router.get("/participations/{participation_id}/link", description=link.__doc__)
async def participation_link(participation_id: int, deps: Deps, access: Agent) -> dict[str, Any]:
    rdv_id, token = await link.participation_link(deps.uow, access, deps.link_secret, participation_id)
    return {"rdv_id": rdv_id, "token": token, "url": f"{deps.public_base_url.rstrip('/')}/r/{rdv_id}/{token}"}
