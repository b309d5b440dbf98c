"""A plage d'ouverture as agents edit it, and its rules (reference §1.8, product decisions "Plages")."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from availability.domain.catalog import Catalog, Motif
from availability.domain.errors import InvalidPlage
from availability.domain.recurrence import Recurrence
from availability.domain.schedule import DailySpan

EARLIEST_DAY = date(2018, 1, 1)
YEARS_AHEAD = 5


@dataclass(frozen=True)
class PlageFields:
    agent_id: int
    organisation_id: int
    title: str
    first_day: date
    start_time: time
    end_time: time
    motif_ids: tuple[int, ...]
    lieu_id: int | None = None
    recurrence: Recurrence | None = None


@dataclass(frozen=True)
class PlageRecord:
    fields: PlageFields
    time_zone: str
    ical_uid: str
    created_at: datetime
    updated_at: datetime
    version: int = 1
    id: int = 0

    @property
    def rrule(self) -> str | None:
        recurrence = self.fields.recurrence
        return recurrence.to_rrule(self.fields.first_day) if recurrence else None

    @property
    def last_day(self) -> date | None:
        if self.fields.recurrence is None:
            return self.fields.first_day
        return self.fields.recurrence.until

    def changed(self, fields: PlageFields, now: datetime) -> "PlageRecord":
        return replace(self, fields=fields, updated_at=now, version=self.version + 1)


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    plage_ouverture_ids: tuple[int, ...] = field(default=())


def check_dates(
    first_day: date, start_time: time, end_time: time, today: date, end_day: date | None = None
) -> None:
    """Dates must be realistic: not before 2018 nor more than 5 years ahead (reference §1.8)."""
    if first_day < EARLIEST_DAY:
        raise InvalidPlage("first_day", "doit être postérieure au 1er janvier 2018")
    if first_day > today + timedelta(days=365 * YEARS_AHEAD):
        raise InvalidPlage("first_day", "ne peut pas être à plus de 5 ans")
    if (end_day is None or end_day == first_day) and end_time <= start_time:
        raise InvalidPlage("end_time", "doit être après l'heure de début")


def check_plage(fields: PlageFields, catalog: Catalog, today: date) -> list[Motif]:
    """Raises InvalidPlage on the first broken rule; returns the plage's motifs."""
    if not fields.title.strip():
        raise InvalidPlage("title", "doit être rempli(e)")
    check_dates(fields.first_day, fields.start_time, fields.end_time, today)
    if fields.recurrence is not None:
        fields.recurrence.check(fields.first_day)
    agent = catalog.agents.get(fields.agent_id)
    if agent is None or not agent.active or fields.organisation_id not in agent.organisation_ids:
        raise InvalidPlage("agent_id", "n'est pas un agent de cette organisation")
    if not fields.motif_ids:
        raise InvalidPlage("motif_ids", "doit contenir au moins un motif")
    motifs = [_usable_motif(motif_id, fields, catalog) for motif_id in fields.motif_ids]
    if any(motif.on_site for motif in motifs):
        lieu = catalog.lieux.get(fields.lieu_id) if fields.lieu_id is not None else None
        if lieu is None:
            raise InvalidPlage("lieu_id", "doit être rempli(e) pour un motif sur place")
        if not lieu.enabled or lieu.organisation_id != fields.organisation_id:
            raise InvalidPlage("lieu_id", "n'est pas un lieu actif de cette organisation")
    return motifs


def _usable_motif(motif_id: int, fields: PlageFields, catalog: Catalog) -> Motif:
    motif = catalog.motifs.get(motif_id)
    if motif is None or not motif.active or motif.organisation_id != fields.organisation_id:
        raise InvalidPlage("motif_ids", f"le motif {motif_id} n'existe pas dans cette organisation")
    if motif.collectif:
        raise InvalidPlage("motif_ids", f"le motif {motif_id} est collectif")
    agent = catalog.agents[fields.agent_id]
    secretary = any(
        catalog.services.get(service_id, None) and catalog.services[service_id].is_secretariat
        for service_id in agent.service_ids
    )
    if motif.service_id not in agent.service_ids and not (motif.for_secretariat and secretary):
        raise InvalidPlage("motif_ids", f"le motif {motif_id} n'est pas ouvert au service de l'agent")
    return motif


def plage_warnings(record: PlageRecord, motifs: list[Motif], catalog: Catalog, today: date) -> list[Warning]:
    """Benign problems the agent should see; they do not prevent saving (reference §1.8)."""
    warnings = []
    length = datetime.combine(today, record.fields.end_time) - datetime.combine(
        today, record.fields.start_time
    )
    too_long = [motif.name for motif in motifs if motif.duration_in_min * 60 > length.total_seconds()]
    if too_long:
        warnings.append(
            Warning(
                "motif_longer_than_plage",
                "La durée du motif dépasse celle de la plage : " + ", ".join(too_long),
            )
        )
    overlapping = _overlapping(record, catalog, today)
    if overlapping:
        warnings.append(
            Warning(
                "overlapping_plage",
                "Cette plage chevauche d'autres plages d'ouverture de l'agent.",
                tuple(overlapping),
            )
        )
    return warnings


def _overlapping(record: PlageRecord, catalog: Catalog, today: date) -> list[int]:
    """Other plages of the agent sharing an occurrence day and a time of day in the next 6 months."""
    fields = record.fields
    start = max(fields.first_day, today)
    horizon = start + timedelta(days=183)
    mine = set(_days(record, catalog, start, horizon))
    found = []
    for other in catalog.plages.values():
        if other.agent_id != fields.agent_id or other.id == record.id:
            continue
        span = other.span
        if not (fields.start_time < span.end_time and span.start_time < fields.end_time):
            continue
        if mine.intersection(span.days(start, horizon)):
            found.append(other.id)
    return sorted(found)


def _days(record: PlageRecord, catalog: Catalog, start: date, end: date) -> list[date]:
    fields = record.fields
    span = DailySpan(
        fields.first_day,
        fields.start_time,
        fields.end_time,
        record.time_zone,
        catalog.expander,
        record.rrule,
        fields.recurrence.until if fields.recurrence else None,
    )
    return list(span.days(start, end))
