"""Absences (indisponibilités): create, read, change, delete (agents and API tokens)."""

from fastapi import APIRouter, Response
from rdv_chassis.web.pagination import PageParams

from availability.application import create_absence, delete_absence, read_absences, update_absence
from availability.entrypoints.http.agenda_schemas import (
    AbsenceBody,
    AbsenceList,
    AbsenceOut,
    AbsencePatch,
    AbsenceResponse,
    OverlappingRdv,
)
from availability.entrypoints.http.context import AgentCaller, Context

router = APIRouter(prefix="/api/v1/absences", tags=["absences"])


def _response(saved: create_absence.SavedAbsence) -> AbsenceResponse:
    return AbsenceResponse(
        absence=AbsenceOut.of(saved.record),
        overlapping_rdvs=[OverlappingRdv(**rdv.__dict__) for rdv in saved.overlapping_rdvs],
    )


@router.post("", status_code=201, description=create_absence.__doc__)
async def create(body: AbsenceBody, caller: AgentCaller, context: Context) -> AbsenceResponse:
    command = create_absence.CreateAbsence(caller, body.to_domain())
    saved = await create_absence.create_absence(
        command, context.uow(), context.catalogs, context.ical, context.clock
    )
    return _response(saved)


@router.get("", description=read_absences.__doc__)
async def list_absences(
    organisation_id: int, caller: AgentCaller, context: Context, page: PageParams, agent_id: int | None = None
) -> AbsenceList:
    query = read_absences.ListAbsences(caller, organisation_id, agent_id)
    records = await read_absences.list_absences(query, context.uow(), context.catalogs)
    shown = records[page.offset : page.offset + page.limit]
    return AbsenceList(absences=[AbsenceOut.of(r) for r in shown], meta=page.meta(len(records)))


@router.get("/{absence_id}", description=read_absences.__doc__)
async def get(absence_id: int, caller: AgentCaller, context: Context) -> AbsenceResponse:
    record = await read_absences.get_absence(caller, absence_id, context.uow(), context.catalogs)
    return AbsenceResponse(absence=AbsenceOut.of(record))


@router.patch("/{absence_id}", description=update_absence.__doc__)
async def patch(
    absence_id: int, body: AbsencePatch, caller: AgentCaller, context: Context
) -> AbsenceResponse:
    command = update_absence.UpdateAbsence(caller, absence_id, body.changes())
    saved = await update_absence.update_absence(
        command, context.uow(), context.catalogs, context.ical, context.clock
    )
    return _response(saved)


@router.delete("/{absence_id}", status_code=204, description=delete_absence.__doc__)
async def delete(absence_id: int, caller: AgentCaller, context: Context) -> Response:
    command = delete_absence.DeleteAbsence(caller, absence_id)
    await delete_absence.delete_absence(command, context.uow(), context.catalogs)
    return Response(status_code=204)
