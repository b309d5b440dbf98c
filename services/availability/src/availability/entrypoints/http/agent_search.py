"""Agent slot search ("Trouver un RDV") and next availability for agents."""

from datetime import date
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query

from availability.application import find_next_availability, search_agent_slots
from availability.entrypoints.http.context import AgentCaller, Context
from availability.entrypoints.http.slot_schemas import (
    AgentDay,
    AgentSearchResponse,
    AgentTime,
    CollectiveRdvOut,
    LieuSlots,
    NextAvailability,
    NextAvailabilityResponse,
    local_time,
)

router = APIRouter(prefix="/api/v1/slots", tags=["slot search"])


def _shape(result: search_agent_slots.AgentSearchResult, zone: ZoneInfo) -> AgentSearchResponse:
    # Built without validation: thousands of times whose types the use case already guarantees.
    days = [
        AgentDay.model_construct(
            date=day,
            lieux=[
                LieuSlots.model_construct(
                    lieu_id=lieu_id,
                    slots=[
                        AgentTime.model_construct(
                            starts_at=local_time(t.starts_at, zone),
                            ends_at=local_time(t.ends_at, zone),
                            agent_ids=t.agent_ids,
                        )
                        for t in times
                    ],
                )
                for lieu_id, times in sorted(lieux.items(), key=lambda item: item[0] or 0)
            ],
        )
        for day, lieux in sorted(result.days.items())
    ]
    collective = [
        CollectiveRdvOut(
            rdv_id=r.id,
            starts_at=local_time(r.starts_at, zone),
            ends_at=local_time(r.ends_at, zone),
            lieu_id=r.lieu_id,
            agent_ids=list(r.agent_ids),
            seats_left=r.seats_left,
        )
        for r in result.collective_rdvs
    ]
    return AgentSearchResponse(
        motif_id=result.motif.id,
        time_zone=str(zone),
        days=days,
        collective_rdvs=collective,
        next_availability=NextAvailability.of(result.next_availability, zone, with_agent=True),
    )


@router.get("/search", description=search_agent_slots.__doc__)
async def search(
    motif_id: int,
    from_: Annotated[date, Query(alias="from")],
    to: date,
    caller: AgentCaller,
    context: Context,
    lieu_ids: Annotated[list[int] | None, Query()] = None,
    agent_ids: Annotated[list[int] | None, Query()] = None,
    team_ids: Annotated[list[int] | None, Query(description="Teams: their members are searched")] = None,
) -> AgentSearchResponse:
    query = search_agent_slots.SearchAgentSlots(
        caller, motif_id, from_, to, *(frozenset(ids or ()) for ids in (lieu_ids, agent_ids, team_ids))
    )
    result = await search_agent_slots.search_agent_slots(query, *context.searchers())
    return _shape(result, result.zone)


@router.get("/next_availability", description=find_next_availability.__doc__)
async def next_availability(
    motif_id: int,
    caller: AgentCaller,
    context: Context,
    lieu_id: int | None = None,
    agent_ids: Annotated[list[int] | None, Query()] = None,
    from_: Annotated[date | None, Query(alias="from")] = None,
) -> NextAvailabilityResponse:
    query = find_next_availability.FindNextAvailability(
        motif_id, "agent", from_, lieu_id, frozenset(agent_ids or ()), agent=caller
    )
    found = await find_next_availability.find_next_availability(query, *context.readers())
    return NextAvailabilityResponse(
        next_availability=NextAvailability.of(found.slot, found.zone, with_agent=True)
    )
