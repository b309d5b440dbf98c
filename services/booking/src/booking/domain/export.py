"""An agent's export: what was asked, within which rights, and its life (pending → done, expired).

Seeds' FAQ "Comment exporter une liste de rendez-vous ?": one organisation per export, files found
under the agent's account. Files are kept 7 days (product decisions: "for a limited time").
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rdv_contracts.booking import ExportType

from booking.domain.export_errors import InvalidExport
from booking.domain.rights import AgentAccess

KEPT_FOR = timedelta(days=7)
MAX_ATTEMPTS = 3
PENDING, DONE, FAILED = "pending", "done", "failed"
_FILE_PREFIXES = {ExportType.RDV_EXPORT: "export-rdv", ExportType.PARTICIPATIONS_EXPORT: "export-rdvs-user"}


@dataclass(frozen=True)
class ExportFilters:
    """The RDV list's filters; the period is on the RDVs' start, `starts_before` excluded."""

    agent_id: int | None = None
    motif_id: int | None = None
    lieu_id: int | None = None
    service_id: int | None = None
    status: str | None = None
    starts_after: datetime | None = None
    starts_before: datetime | None = None

    def __post_init__(self) -> None:
        if self.starts_after and self.starts_before and self.starts_before <= self.starts_after:
            raise InvalidExport("starts_before", "La fin de la période doit suivre son début.")


@dataclass(frozen=True)
class ExportScope:
    """The requester's rights when they asked, applied by the worker that has no token."""

    agent_id: int
    whole_organisation: bool
    service_ids: frozenset[int] = frozenset()
    personal_data: bool = True
    """Usagers' names and contacts: only for members of the organisation (a territory admin who
    holds no role there gets the figures without the people)."""

    @classmethod
    def of(cls, access: AgentAccess, organisation_id: int, territory_id: int | None) -> "ExportScope":
        return cls(
            agent_id=access.agent_id,
            whole_organisation=access.sees_whole(organisation_id, territory_id),
            service_ids=access.service_ids,
            personal_data=organisation_id in access.levels,
        )


@dataclass
class Export:
    agent_id: int
    organisation_id: int
    export_type: ExportType
    filters: ExportFilters
    scope: ExportScope
    created_at: datetime
    state: str = PENDING
    attempts: int = 0
    rows_count: int | None = None
    size_bytes: int | None = None
    completed_at: datetime | None = None
    expires_at: datetime = field(init=False)
    id: int | None = None

    def __post_init__(self) -> None:
        self.expires_at = self.created_at + KEPT_FOR

    @property
    def file_name(self) -> str:
        """The reference's names, parsed by position by some départements: keep them stable."""
        return file_name(self.export_type, self.created_at.date(), self.organisation_id)

    def complete(self, rows_count: int, size_bytes: int, now: datetime) -> None:
        self.state, self.rows_count, self.size_bytes = DONE, rows_count, size_bytes
        self.completed_at, self.expires_at = now, now + KEPT_FOR

    def fail_once(self) -> None:
        self.attempts += 1
        if self.attempts >= MAX_ATTEMPTS:
            self.state = FAILED


def file_name(export_type: ExportType, day: date, organisation_id: int) -> str:
    return f"{_FILE_PREFIXES[export_type]}-{day.isoformat()}-org-{organisation_id:06d}.xlsx"
