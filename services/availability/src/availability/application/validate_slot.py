"""Validate one slot before booking writes an RDV (booking → availability, docs/conventions.md).

- Answers which agent gets the slot: among the free ones, the agent whose plage was created first.
- Otherwise why not: `unknown_motif`, `not_bookable_by_caller`, `in_the_past`, `too_soon`, `too_late`,
  `closed_day` (Sunday or holiday), `outside_plage`, `agent_absent`, `agent_busy`.
- Usagers and prescripteurs get the booking delays; agents do not. Moving an RDV: its own busy time
  does not count (`exclude_rdv_id`).
- Collective motifs: the slot is a collective RDV of that motif with seats left.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from availability.application.ports import CatalogSource, Clock
from availability.application.slot_search import (
    BusyReader,
    SearchScope,
    candidate_plages,
    local_day,
    zone_of,
)
from availability.domain.booking_rules import Caller
from availability.domain.busy import absence_intervals
from availability.domain.catalog import Motif
from availability.domain.intervals import BusyTimeline
from availability.domain.schedule import instant
from availability.domain.slot_check import SlotRequest, Verdict, check_slot
from availability.domain.slots import Slot


@dataclass(frozen=True)
class ValidateSlot:
    motif_id: int
    lieu_id: int | None
    starts_at: datetime
    agent_ids: tuple[int, ...] | None
    caller: Caller
    exclude_rdv_id: int | None = None
    invited: bool = False


@dataclass(frozen=True)
class SlotDecision:
    verdict: Verdict
    motif: Motif | None = None


async def validate_slot(
    command: ValidateSlot, catalogs: CatalogSource, busy: BusyReader, clock: Clock
) -> SlotDecision:
    catalog = await catalogs.current()
    motif = catalog.motifs.get(command.motif_id)
    if motif is None or not motif.active:
        return SlotDecision(Verdict(reason="unknown_motif"))
    zone = zone_of(catalog, motif)
    start = int(command.starts_at.timestamp())
    closed = catalog.closed_days_of(motif.organisation_id)
    now = int(clock().timestamp())
    request = SlotRequest(motif, start, command.caller, now, zone, closed, command.invited)
    if motif.collectif:
        return SlotDecision(await _collective(request, command, busy), motif)
    scope = SearchScope(
        motif,
        frozenset({command.lieu_id}) if command.lieu_id is not None else frozenset(),
        frozenset(command.agent_ids or ()),
        command.exclude_rdv_id,
    )
    plages = candidate_plages(catalog, scope)
    day = local_day(start, zone)
    day_start, day_end = instant(day, time.min, zone), instant(day + timedelta(days=1), time.min, zone)
    agent_ids = {plage.agent_id for plage in plages}
    rdvs = await busy.by_agent(agent_ids, day_start, day_end, command.exclude_rdv_id)
    rdv_busy = {agent: BusyTimeline(rdvs.get(agent, [])) for agent in agent_ids}
    absent = {
        agent: BusyTimeline(absence_intervals(catalog.absences_by_agent.get(agent, ()), day_start, day_end))
        for agent in agent_ids
    }
    return SlotDecision(check_slot(request, plages, rdv_busy, absent), motif)


async def _collective(request: SlotRequest, command: ValidateSlot, busy: BusyReader) -> Verdict:
    timing = check_slot(request, [], {}, {})
    if timing.reason != "outside_plage":
        return timing
    open_rdvs = [
        rdv
        for rdv in await busy.collective(request.motif.id, request.starts_at, request.starts_at + 1)
        if rdv.starts_at == request.starts_at
        and (command.lieu_id is None or rdv.lieu_id == command.lieu_id)
        and (rdv.seats_left is None or rdv.seats_left > 0)
    ]
    if not open_rdvs:
        return Verdict(reason="outside_plage")
    rdv = open_rdvs[0]
    day = local_day(rdv.starts_at, request.zone)
    return Verdict(
        slot=Slot(
            rdv.starts_at,
            (datetime.min, rdv.id),
            rdv.agent_ids[0],
            rdv.lieu_id,
            day,
            rdv.ends_at - rdv.starts_at,
        )
    )
