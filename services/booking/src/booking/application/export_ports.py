"""What the export use cases need: the exports' store, the RDVs to export, a spreadsheet to fill."""

from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from booking.application.ports import UnitOfWork
from booking.domain.export import Export
from booking.domain.export_records import ExportedRdv
from booking.domain.export_rows import Cell


class ExportStore(Protocol):
    async def add(self, export: Export) -> None: ...
    async def get(self, export_id: int) -> Export | None: ...
    async def of_agent(self, agent_id: int, now: datetime) -> list[Export]: ...
    async def claim_pending(self) -> Export | None:
        """The oldest pending export, locked until the transaction ends; others skip it."""
        ...

    async def save_state(self, export: Export) -> None: ...
    async def write_file(self, export_id: int, chunks: Iterable[bytes]) -> int: ...
    def read_file(self, export_id: int) -> AsyncIterator[bytes]: ...
    async def delete_expired(self, now: datetime) -> int: ...


class ExportSource(Protocol):
    def rdvs(self, export: Export) -> AsyncIterator[Sequence[ExportedRdv]]:
        """The export's RDVs in batches, streamed in start order: memory stays bounded."""
        ...


class Spreadsheet(Protocol):
    def append_rows(self, rows: Sequence[list[Cell]]) -> None: ...
    def close(self) -> Iterable[bytes]:
        """Finishes the file; its bytes in chunks."""
        ...


SpreadsheetFactory = Callable[[str, list[str]], AbstractContextManager[Spreadsheet]]
"""(sheet title, headers) → a spreadsheet that deletes its temporary file on exit."""


class ExportUnitOfWork(UnitOfWork, Protocol):
    @property
    def exports(self) -> ExportStore: ...
    @property
    def export_source(self) -> ExportSource: ...


ExportUnits = Callable[[], ExportUnitOfWork]
