"""The agent's exports ("Vos exports"): listed and downloadable by their owner only.

Another agent's export does not exist for the caller (404); an export not produced yet answers 409;
expired ones are gone.
"""

from collections.abc import AsyncIterator

from booking.application.export_ports import ExportUnits
from booking.application.ports import Clock
from booking.domain.export import DONE, Export
from booking.domain.export_errors import ExportNotFound, ExportNotReady
from booking.domain.rights import AgentAccess


async def list_exports(units: ExportUnits, clock: Clock, access: AgentAccess) -> list[Export]:
    async with units() as unit:
        return await unit.exports.of_agent(access.agent_id, clock())


async def get_export(units: ExportUnits, clock: Clock, access: AgentAccess, export_id: int) -> Export:
    async with units() as unit:
        export = await unit.exports.get(export_id)
    if export is None or export.agent_id != access.agent_id or export.expires_at <= clock():
        raise ExportNotFound()
    return export


async def export_file(
    units: ExportUnits, clock: Clock, access: AgentAccess, export_id: int
) -> tuple[Export, AsyncIterator[bytes]]:
    """The file streams from its stored chunks, one database round trip per chunk."""
    export = await get_export(units, clock, access, export_id)
    if export.state != DONE:
        raise ExportNotReady()

    async def chunks() -> AsyncIterator[bytes]:
        async with units() as unit:
            async for chunk in unit.exports.read_file(export_id):
                yield chunk

    return export, chunks()
