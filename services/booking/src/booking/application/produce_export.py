"""Produce the oldest pending export (the booking worker's job).

Rules: the export is claimed with FOR UPDATE SKIP LOCKED, so two workers never produce the same one;
its RDVs are streamed in batches into a spreadsheet written on a temporary file (bounded memory),
whose bytes are stored with the export. Marking it done and publishing `export.completed` happen in
that same transaction: a worker that dies mid-way leaves it pending for the next one. A failing
export is retried, and given up after 3 attempts.
"""

import asyncio
import logging
from dataclasses import dataclass

from rdv_contracts.booking import ExportCompleted
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import envelope

from booking.application.export_ports import ExportUnitOfWork, ExportUnits, SpreadsheetFactory
from booking.application.ports import Clock
from booking.application.read_rdvs import time_zone_of
from booking.domain.export import Export
from booking.domain.export_rows import RowBuilder

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
        rows_count = 0
        with self.spreadsheets("RDV", builder.headers) as sheet:
            async for batch in unit.export_source.rdvs(export):
                rows = [row for rdv in batch for row in builder.rows(rdv)]
                # Formatting a batch is CPU work: off the event loop, where the relay and consumers run.
                await asyncio.to_thread(sheet.append_rows, rows)
                rows_count += len(rows)
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
