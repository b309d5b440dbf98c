"""Delete exports past their expiry, files included (a daily job of the worker)."""

from dataclasses import dataclass

from booking.application.export_ports import ExportUnits
from booking.application.ports import Clock


@dataclass(frozen=True)
class PurgeExpiredExports:
    units: ExportUnits
    clock: Clock

    async def __call__(self) -> int:
        async with self.units() as unit:
            deleted = await unit.exports.delete_expired(self.clock())
            await unit.commit()
            return deleted
