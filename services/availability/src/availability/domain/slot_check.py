"""Is one exact slot still bookable, and by whom? What booking asks before it writes an RDV.

The slot must be one the caller would have been offered; among the free agents, the one whose plage
was created first gets it (the seeds' "première disponibilité enregistrée"). Otherwise the reason is
the first that applies, from the caller's rights to the agents' busy time.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from availability.domain.booking_rules import Caller, last_bookable_day, may_book
from availability.domain.catalog import Motif, Plage
from availability.domain.closed_days import ClosedDays
from availability.domain.intervals import EMPTY_TIMELINE, BusyTimeline
from availability.domain.slots import Slot, SlotQuery, find_slots

MESSAGES = {
    "unknown_motif": "Ce motif n'existe pas ou n'est plus proposé.",
    "not_bookable_by_caller": "Ce motif ne peut pas être réservé en ligne.",
    "outside_plage": "Ce créneau n'est pas proposé. Veuillez en sélectionner un autre.",
    "closed_day": "Ce jour est fermé à la prise de rendez-vous (dimanche ou jour férié).",
    "agent_absent": "Ce créneau n'est plus disponible. Veuillez en sélectionner un autre.",
    "agent_busy": "Ce créneau vient d'être réservé. Veuillez en sélectionner un autre.",
    "too_soon": "Ce créneau est trop proche pour être réservé en ligne.",
    "too_late": "Ce créneau est trop éloigné : sa réservation n'est pas encore ouverte.",
    "in_the_past": "Ce créneau est déjà passé.",
}


@dataclass(frozen=True)
class Verdict:
    slot: Slot | None = None
    reason: str | None = None

    @property
    def message(self) -> str:
        return MESSAGES[self.reason] if self.reason else ""


@dataclass(frozen=True)
class SlotRequest:
    motif: Motif
    starts_at: int
    caller: Caller
    now: int
    zone: ZoneInfo
    closed: ClosedDays
    invited: bool = False


def check_slot(
    request: SlotRequest,
    plages: Sequence[Plage],
    rdv_busy: Mapping[int, BusyTimeline],
    absent: Mapping[int, BusyTimeline],
) -> Verdict:
    motif, start = request.motif, request.starts_at
    end = start + motif.duration_in_min * 60
    day = datetime.fromtimestamp(start, request.zone).date()
    early = _timing_problem(request, day)
    if early:
        return Verdict(reason=early)
    if request.closed(day):
        return Verdict(reason="closed_day")
    busy = {
        agent: BusyTimeline([*rdv_busy.get(agent, EMPTY_TIMELINE).intervals(), *timeline.intervals()])
        for agent, timeline in absent.items()
    } | {agent: timeline for agent, timeline in rdv_busy.items() if agent not in absent}
    not_before = request.now if request.caller == "agent" else request.now + motif.min_public_booking_delay
    query = SlotQuery(day, day, end - start, request.now, not_before, request.closed)
    matches = [slot for slot in find_slots(plages, busy, query) if slot.starts_at == start]
    if matches:
        return Verdict(slot=matches[0])
    holders = [p for p in plages if any(ws <= start and end <= we for _, ws, we in p.span.windows(day, day))]
    if not holders:
        return Verdict(reason="outside_plage")
    present = [p for p in holders if not absent.get(p.agent_id, EMPTY_TIMELINE).overlaps(start, end)]
    if not present:
        return Verdict(reason="agent_absent")
    if any(rdv_busy.get(p.agent_id, EMPTY_TIMELINE).overlaps(start, end) for p in present):
        return Verdict(reason="agent_busy")
    return Verdict(reason="outside_plage")


def _timing_problem(request: SlotRequest, day: date) -> str | None:
    if not may_book(request.motif, request.caller, request.invited):
        return "not_bookable_by_caller"
    if request.starts_at < request.now:
        return "in_the_past"
    if request.caller == "agent":
        return None
    if request.starts_at < request.now + request.motif.min_public_booking_delay:
        return "too_soon"
    if day > last_bookable_day(request.motif, request.now, request.zone):
        return "too_late"
    return None
