"""Produce the oldest pending export (the booking worker's job).

Rules: the export is claimed with FOR UPDATE SKIP LOCKED, so two workers never produce the same one;
its RDVs are streamed in batches into a spreadsheet written on a temporary file (bounded memory),
whose bytes are stored with the export. Marking it done and publishing `export.completed` happen in
that same transaction: a worker that dies mid-way leaves it pending for the next one. A failing
export is retried, and given up after 3 attempts.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from rdv_contracts.booking import ExportCompleted
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope

from booking.application.export_ports import ExportUnitOfWork, ExportUnits, Spreadsheet, SpreadsheetFactory
from booking.application.ports import Clock
from booking.application.read_rdvs import time_zone_of
from booking.domain.export import Export
from booking.domain.export_records import ExportedRdv
from booking.domain.export_rows import Cell, RowBuilder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProduceExport:
    units: ExportUnits
    spreadsheets: SpreadsheetFactory
    clock: Clock

    async def __call__(self) -> int:
        """1 when an export was handled (done or failed), 0 when none was pending."""
        claimed: int | None = None
        try:
            async with self.units() as unit:
                export = await unit.exports.claim_pending()
                if export is None:
                    return 0
                claimed = export.id
                await self._produce(unit, export)
                return 1
        except Exception:
            if claimed is None:
                raise
            log.exception("export %s failed", claimed)
            await self._count_failure(claimed)
            return 1

    async def _produce(self, unit: ExportUnitOfWork, export: Export) -> None:
        assert export.id is not None
        zone = await time_zone_of(unit, export.organisation_id)
        builder = RowBuilder(export.export_type, zone, self.clock(), export.scope.personal_data)
        with self.spreadsheets("RDV", builder.headers) as sheet:
            rows_count = await _copy_rows(unit.export_source.rdvs(export), builder, sheet)
            size = await unit.exports.write_file(export.id, await asyncio.to_thread(sheet.close))
        export.complete(rows_count, size, self.clock())
        await unit.exports.save_state(export)
        unit.publish(_completed(export))
        await unit.commit()

    async def _count_failure(self, export_id: int) -> None:
        async with self.units() as unit:
            export = await unit.exports.get(export_id)
            if export is not None:
                export.fail_once()
                await unit.exports.save_state(export)
                await unit.commit()


async def _copy_rows(
    batches: AsyncIterator[Sequence[ExportedRdv]], builder: RowBuilder, sheet: Spreadsheet
) -> int:
    """The next batch is read from PostgreSQL while the previous one is written: a bounded queue of
    two batches overlaps them. Writing is CPU work, done off the event loop where the relay and the
    consumers run."""
    queue: asyncio.Queue[list[list[Cell]] | BaseException | None] = asyncio.Queue(maxsize=2)

    async def read() -> None:
        try:
            async for batch in batches:
                await queue.put([row for rdv in batch for row in builder.rows(rdv)])
            await queue.put(None)
        except Exception as exc:
            await queue.put(exc)

    reader = asyncio.create_task(read())
    count = 0
    try:
        while (rows := await queue.get()) is not None:
            if isinstance(rows, BaseException):
                raise rows
            await asyncio.to_thread(sheet.append_rows, rows)
            count += len(rows)
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
    return count


def _completed(export: Export) -> EventEnvelope:
    assert export.id is not None and export.rows_count is not None
    payload = ExportCompleted(
        export_id=export.id,
        agent_id=export.agent_id,
        organisation_id=export.organisation_id,
        export_type=export.export_type,
        file_name=export.file_name,
        rows_count=export.rows_count,
        download_path=f"/api/v1/exports/{export.id}/file",
        expires_at=export.expires_at,
    )
    return envelope(payload, aggregate_id=export.id, organisation_id=export.organisation_id)
