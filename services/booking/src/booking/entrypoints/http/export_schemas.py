"""Bodies of the exports API."""

from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from rdv_contracts.booking import ExportType, RdvStatus

from booking.domain.export import DONE, Export, ExportFilters

# Ids are PostgreSQL integers: a larger one names nothing, and the export runs later in the worker,
# so it is refused here rather than failing there.
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class ExportRequest(BaseModel):
    """The RDV list's filters; one organisation per export (seeds' FAQ)."""

    model_config = ConfigDict(extra="forbid")

    organisation_id: Id
    export_type: ExportType = ExportType.RDV_EXPORT
    agent_id: Id | None = None
    motif_id: Id | None = None
    lieu_id: Id | None = None
    service_id: Id | None = None
    status: RdvStatus | None = None
    starts_after: AwareDatetime | None = None
    starts_before: AwareDatetime | None = None

    def filters(self) -> ExportFilters:
        return ExportFilters(
            agent_id=self.agent_id,
            motif_id=self.motif_id,
            lieu_id=self.lieu_id,
            service_id=self.service_id,
            status=self.status.value if self.status else None,
            starts_after=self.starts_after,
            starts_before=self.starts_before,
        )


def export_body(export: Export) -> dict[str, Any]:
    return {
        "id": export.id,
        "export_type": export.export_type.value,
        "organisation_id": export.organisation_id,
        "state": export.state,
        "file_name": export.file_name,
        "rows_count": export.rows_count,
        "size_bytes": export.size_bytes,
        "created_at": export.created_at.isoformat(),
        "completed_at": export.completed_at.isoformat() if export.completed_at else None,
        "expires_at": export.expires_at.isoformat(),
        "download_url": f"/api/v1/exports/{export.id}/file" if export.state == DONE else None,
    }
