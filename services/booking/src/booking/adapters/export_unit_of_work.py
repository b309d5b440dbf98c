"""Booking's unit of work plus the exports' store and source and the statistics, on one session."""

from typing import Self

from booking.adapters.export_source import SqlExportSource
from booking.adapters.export_store import SqlExportStore
from booking.adapters.statistics_source import SqlStatisticsSource
from booking.adapters.unit_of_work import BookingUnitOfWork


class ExportsUnitOfWork(BookingUnitOfWork):
    exports: SqlExportStore
    export_source: SqlExportSource
    statistics: SqlStatisticsSource

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.exports = SqlExportStore(self.session)
        self.export_source = SqlExportSource(self.session)
        self.statistics = SqlStatisticsSource(self.session)
        return self
