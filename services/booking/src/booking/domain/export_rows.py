"""Spreadsheet rows of an export: French headers, local times, the agents' status labels.

Columns follow the reference's RDV export (§8.2), without what we do not keep (notification
results). Usagers' names and contacts are left blank for an agent not allowed to see them.
"""

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from rdv_contracts.booking import CreatorType, ExportType

from booking.domain.export_records import ExportedPerson, ExportedRdv
from booking.domain.statuses import status_label

Cell = str | int | None

ORIGINS = {CreatorType.AGENT: "Agent", CreatorType.USER: "Usager", CreatorType.PRESCRIPTEUR: "Prescripteur"}

RDV_HEADERS = [
    "Année", "Date prise RDV", "Heure prise RDV", "Origine", "Date RDV", "Heure RDV", "Durée (min)",
    "Service", "Motif", "Contexte", "Statut", "Lieu", "Professionnel.le(s)", "Usager(s)",
    "Téléphone(s)", "E-mail(s)", "Organisation", "Créé par", "E-mail(s) professionnel.le(s)", "ID RDV",
]  # fmt: skip
PARTICIPATION_HEADERS = [
    "ID RDV", "Date RDV", "Heure RDV", "Service", "Motif", "Lieu", "Professionnel.le(s)",
    "Statut du RDV", "Statut de la participation", "Origine", "ID usager", "Usager", "Date de naissance",
    "Code postal", "Téléphone", "E-mail", "Organisation",
]  # fmt: skip


class RowBuilder:
    def __init__(self, export_type: ExportType, time_zone: str, now: datetime, personal_data: bool) -> None:
        self._zone = ZoneInfo(time_zone)
        self._today = now.astimezone(self._zone).date()
        self._personal = personal_data
        self._participations = export_type is ExportType.PARTICIPATIONS_EXPORT
        self.headers = PARTICIPATION_HEADERS if self._participations else RDV_HEADERS

    def rows(self, rdv: ExportedRdv) -> Iterator[list[Cell]]:
        if self._participations:
            yield from (self._participation_row(rdv, person) for person in rdv.people)
        else:
            yield self._rdv_row(rdv)

    def _rdv_row(self, rdv: ExportedRdv) -> list[Cell]:
        starts, created = rdv.starts_at.astimezone(self._zone), rdv.created_at.astimezone(self._zone)
        people = rdv.people if self._personal else []
        return [
            starts.year,
            f"{created:%d/%m/%Y}",
            f"{created:%H:%M}",
            ORIGINS[rdv.created_by],
            f"{starts:%d/%m/%Y}",
            f"{starts:%H:%M}",
            int((rdv.ends_at - rdv.starts_at).total_seconds() // 60),
            rdv.service,
            rdv.motif,
            rdv.context,
            self._label(rdv),
            rdv.lieu,
            ", ".join(a.full_name for a in rdv.agents),
            _joined(p.full_name for p in people),
            _joined(p.phone_number for p in people),
            _joined(p.email for p in people),
            rdv.organisation,
            self._creator(rdv),
            _joined(a.email for a in rdv.agents),
            rdv.id,
        ]

    def _participation_row(self, rdv: ExportedRdv, person: ExportedPerson) -> list[Cell]:
        starts = rdv.starts_at.astimezone(self._zone)
        shown = self._personal
        return [
            rdv.id,
            f"{starts:%d/%m/%Y}",
            f"{starts:%H:%M}",
            rdv.service,
            rdv.motif,
            rdv.lieu,
            ", ".join(a.full_name for a in rdv.agents),
            self._label(rdv),
            status_label(person.status, starts.date(), self._today),
            ORIGINS[person.created_by],
            person.user_id,
            person.full_name if shown else None,
            f"{person.birth_date:%d/%m/%Y}" if shown and person.birth_date else None,
            person.post_code if shown else None,
            person.phone_number if shown else None,
            person.email if shown else None,
            rdv.organisation,
        ]

    def _label(self, rdv: ExportedRdv) -> str:
        return status_label(rdv.status, rdv.starts_at.astimezone(self._zone).date(), self._today)

    def _creator(self, rdv: ExportedRdv) -> str | None:
        if rdv.created_by is CreatorType.AGENT or self._personal:
            return rdv.creator or None
        return None


def _joined(values: Iterator[str | None]) -> str | None:
    kept = [v for v in values if v]
    return ", ".join(kept) if kept else None
