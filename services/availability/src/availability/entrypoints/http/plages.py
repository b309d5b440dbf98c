"""Plages d'ouverture: create, read, change, delete (agents and API tokens)."""

from fastapi import APIRouter, Response
from rdv_chassis.web.pagination import PageParams

from availability.application import create_plage, delete_plage, read_plages, update_plage
from availability.entrypoints.http.agenda_schemas import (
    PlageBody,
    PlageList,
    PlageOut,
    PlagePatch,
    PlageResponse,
    WarningOut,
)
from availability.entrypoints.http.context import AgentCaller, Context

router = APIRouter(prefix="/api/v1/plage_ouvertures", tags=["plages d'ouverture"])


def _response(saved: create_plage.SavedPlage) -> PlageResponse:
    return PlageResponse(
        plage_ouverture=PlageOut.of(saved.record), warnings=[WarningOut.of(w) for w in saved.warnings]
    )


@router.post("", status_code=201, description=create_plage.__doc__)
async def create(body: PlageBody, caller: AgentCaller, context: Context) -> PlageResponse:
    command = create_plage.CreatePlage(caller, body.to_domain())
    saved = await create_plage.create_plage(
        command, context.uow(), context.catalogs, context.ical, context.clock
    )
    return _response(saved)


@router.get("", description=read_plages.__doc__)
async def list_plages(
    organisation_id: int, caller: AgentCaller, context: Context, page: PageParams, agent_id: int | None = None
) -> PlageList:
    query = read_plages.ListPlages(caller, organisation_id, agent_id)
    records = await read_plages.list_plages(query, context.uow(), context.catalogs)
    shown = records[page.offset : page.offset + page.limit]
    return PlageList(plage_ouvertures=[PlageOut.of(r) for r in shown], meta=page.meta(len(records)))


@router.get("/{plage_id}", description=read_plages.__doc__)
async def get(plage_id: int, caller: AgentCaller, context: Context) -> PlageResponse:
    record = await read_plages.get_plage(caller, plage_id, context.uow(), context.catalogs)
    return PlageResponse(plage_ouverture=PlageOut.of(record))


@router.patch("/{plage_id}", description=update_plage.__doc__)
async def patch(plage_id: int, body: PlagePatch, caller: AgentCaller, context: Context) -> PlageResponse:
    command = update_plage.UpdatePlage(caller, plage_id, body.changes())
    saved = await update_plage.update_plage(
        command, context.uow(), context.catalogs, context.ical, context.clock
    )
    return _response(saved)


@router.delete("/{plage_id}", status_code=204, description=delete_plage.__doc__)
async def delete(plage_id: int, caller: AgentCaller, context: Context) -> Response:
    await delete_plage.delete_plage(
        delete_plage.DeletePlage(caller, plage_id), context.uow(), context.catalogs
    )
    return Response(status_code=204)
