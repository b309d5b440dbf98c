"""Exports and their files in PostgreSQL. Files are chunked `bytea` rows: API and worker replicas share
no disk, the file commits with the export's state, and deleting the export deletes it."""

from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from typing import Any

from rdv_contracts.booking import ExportType
from sqlalchemy import RowMapping, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.tables import export_chunks, exports
from booking.domain.export import PENDING, Export, ExportFilters, ExportScope


class SqlExportStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, export: Export) -> None:
        values = _values(export) | {
            "filters": _filters_json(export.filters),
            "scope": _scope_json(export.scope),
            "file_name": export.file_name,
            "created_at": export.created_at,
        }
        export.id = (
            await self._session.execute(insert(exports).values(values).returning(exports.c.id))
        ).scalar()

    async def get(self, export_id: int) -> Export | None:
        row = (
            (await self._session.execute(select(exports).where(exports.c.id == export_id))).mappings().first()
        )
        return _export(row) if row else None

    async def of_agent(self, agent_id: int, now: datetime) -> list[Export]:
        query = (
            select(exports)
            .where(exports.c.agent_id == agent_id, exports.c.expires_at > now)
            .order_by(exports.c.created_at.desc(), exports.c.id.desc())
        )
        return [_export(row) for row in (await self._session.execute(query)).mappings()]

    async def claim_pending(self) -> Export | None:
        query = (
            select(exports)
            .where(exports.c.state == PENDING)
            .order_by(exports.c.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        row = (await self._session.execute(query)).mappings().first()
        return _export(row) if row else None

    async def save_state(self, export: Export) -> None:
        await self._session.execute(update(exports).where(exports.c.id == export.id).values(_values(export)))

    async def write_file(self, export_id: int, chunks: Iterable[bytes]) -> int:
        await self._session.execute(delete(export_chunks).where(export_chunks.c.export_id == export_id))
        size = 0
        for position, chunk in enumerate(chunks):
            values = {"export_id": export_id, "position": position, "data": chunk}
            await self._session.execute(insert(export_chunks).values(values))
            size += len(chunk)
        return size

    async def read_file(self, export_id: int) -> AsyncIterator[bytes]:
        positions = select(export_chunks.c.position).where(export_chunks.c.export_id == export_id)
        for position in list((await self._session.execute(positions.order_by("position"))).scalars()):
            chunk = select(export_chunks.c.data).where(
                export_chunks.c.export_id == export_id, export_chunks.c.position == position
            )
            yield (await self._session.execute(chunk)).scalar_one()

    async def delete_expired(self, now: datetime) -> int:
        result = await self._session.execute(
            delete(exports).where(exports.c.expires_at <= now).returning(exports.c.id)
        )
        return len(result.all())


def _values(export: Export) -> dict[str, Any]:
    return {
        "agent_id": export.agent_id,
        "organisation_id": export.organisation_id,
        "export_type": export.export_type.value,
        "state": export.state,
        "attempts": export.attempts,
        "rows_count": export.rows_count,
        "size_bytes": export.size_bytes,
        "completed_at": export.completed_at,
        "expires_at": export.expires_at,
    }


def _filters_json(filters: ExportFilters) -> dict[str, Any]:
    found = {name: getattr(filters, name) for name in ExportFilters.__dataclass_fields__}
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in found.items()}


def _scope_json(scope: ExportScope) -> dict[str, Any]:
    return {
        "agent_id": scope.agent_id,
        "whole_organisation": scope.whole_organisation,
        "service_ids": sorted(scope.service_ids),
        "personal_data": scope.personal_data,
    }


def _export(row: RowMapping) -> Export:
    filters: dict[str, Any] = {k: _instant(k, v) for k, v in row["filters"].items()}
    scope = dict(row["scope"]) | {"service_ids": frozenset(row["scope"]["service_ids"])}
    export = Export(
        agent_id=row["agent_id"],
        organisation_id=row["organisation_id"],
        export_type=ExportType(row["export_type"]),
        filters=ExportFilters(**filters),
        scope=ExportScope(**scope),
        created_at=row["created_at"],
        state=row["state"],
        attempts=row["attempts"],
        rows_count=row["rows_count"],
        size_bytes=row["size_bytes"],
        completed_at=row["completed_at"],
        id=row["id"],
    )
    export.expires_at = row["expires_at"]
    return export


def _instant(name: str, value: Any) -> Any:
    return datetime.fromisoformat(value) if name.startswith("starts_") and value else value
