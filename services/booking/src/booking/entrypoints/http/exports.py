"""The agents' exports: ask for one, list them ("Vos exports"), download a file."""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from rdv_chassis.auth.dependencies import principal_dependency
from rdv_chassis.auth.principal import Principal

from booking.application import read_exports as read
from booking.application import request_export as ask
from booking.application.export_ports import ExportUnits
from booking.application.ports import Clock
from booking.application.statistics_ports import StatisticsUnits
from booking.domain.errors import NotAllowed
from booking.domain.rights import AgentAccess
from booking.entrypoints.http.dependencies import agent_access
from booking.entrypoints.http.export_schemas import ExportRequest, export_body

router = APIRouter(prefix="/api/v1", tags=["exports"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportCollaborators:
    units: ExportUnits
    statistics: StatisticsUnits
    clock: Clock


async def export_collaborators(request: Request) -> ExportCollaborators:
    found: ExportCollaborators = request.app.state.exports
    return found


Exports = Annotated[ExportCollaborators, Depends(export_collaborators)]
_principal = principal_dependency(lambda request: request.app.state.booking.verifier)


async def agent_in_person(principal: Annotated[Principal, Depends(_principal)]) -> AgentAccess:
    """Exports belong to an agent: an integration's API token (whose id is no agent's) has none."""
    if principal.kind != "agent":
        raise NotAllowed("Les exports sont réservés aux agents connectés.")
    return await agent_access(principal)


Owner = Annotated[AgentAccess, Depends(agent_in_person)]


@router.post("/exports", status_code=202, description=ask.__doc__)
async def request_export(body: ExportRequest, deps: Exports, access: Owner) -> dict[str, Any]:
    command = ask.RequestExport(body.organisation_id, body.export_type, body.filters())
    return {"export": export_body(await ask.request_export(deps.units, deps.clock, access, command))}


@router.get("/exports", description=read.__doc__)
async def list_exports(deps: Exports, access: Owner) -> dict[str, Any]:
    return {"exports": [export_body(e) for e in await read.list_exports(deps.units, deps.clock, access)]}


@router.get("/exports/{export_id}", description=read.__doc__)
async def get_export(export_id: int, deps: Exports, access: Owner) -> dict[str, Any]:
    return {"export": export_body(await read.get_export(deps.units, deps.clock, access, export_id))}


@router.get(
    "/exports/{export_id}/file", description=read.export_file.__doc__, response_class=StreamingResponse
)
async def download(export_id: int, deps: Exports, access: Owner) -> StreamingResponse:
    export, chunks = await read.export_file(deps.units, deps.clock, access, export_id)
    headers = {"Content-Disposition": f'attachment; filename="{export.file_name}"'}
    if export.size_bytes is not None:
        headers["Content-Length"] = str(export.size_bytes)
    return StreamingResponse(chunks, media_type=XLSX, headers=headers)
