"""Statistics of an organisation or a territory, as JSON or as a CSV download."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import AwareDatetime

from booking.application import statistics_report as report
from booking.entrypoints.http.dependencies import Agent
from booking.entrypoints.http.exports import Exports
from booking.entrypoints.http.statistics_presenter import statistics_body, statistics_csv

router = APIRouter(prefix="/api/v1/stats", tags=["statistics"])
Instant = Annotated[AwareDatetime | None, Query()]


async def period(starts_after: Instant = None, starts_before: Instant = None) -> report.Period:
    return report.Period(starts_after, starts_before)


Within = Annotated[report.Period, Depends(period)]


def _csv(text: str, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


async def _organisation(
    deps: Exports, access: Agent, organisation_id: int, period: report.Period
) -> report.StatisticsReport:
    return await report.organisation_statistics(deps.statistics, deps.clock, access, organisation_id, period)


async def _territory(
    deps: Exports, access: Agent, territory_id: int, period: report.Period
) -> report.StatisticsReport:
    return await report.territory_statistics(deps.statistics, deps.clock, access, territory_id, period)


@router.get("/organisations/{organisation_id}", description=report.__doc__)
async def organisation(
    organisation_id: int,
    deps: Exports,
    access: Agent,
    period: Within,
) -> dict[str, Any]:
    found = await _organisation(deps, access, organisation_id, period)
    return {"organisation_id": organisation_id, "statistics": statistics_body(found)}


@router.get("/organisations/{organisation_id}/csv", description=report.__doc__)
async def organisation_csv(
    organisation_id: int,
    deps: Exports,
    access: Agent,
    period: Within,
) -> Response:
    found = await _organisation(deps, access, organisation_id, period)
    return _csv(statistics_csv(found), f"statistiques-org-{organisation_id:06d}.csv")


@router.get("/territories/{territory_id}", description=report.__doc__)
async def territory(
    territory_id: int,
    deps: Exports,
    access: Agent,
    period: Within,
) -> dict[str, Any]:
    found = await _territory(deps, access, territory_id, period)
    return {"territory_id": territory_id, "statistics": statistics_body(found)}


@router.get("/territories/{territory_id}/csv", description=report.__doc__)
async def territory_csv(
    territory_id: int,
    deps: Exports,
    access: Agent,
    period: Within,
) -> Response:
    found = await _territory(deps, access, territory_id, period)
    return _csv(statistics_csv(found), f"statistiques-territoire-{territory_id:06d}.csv")
