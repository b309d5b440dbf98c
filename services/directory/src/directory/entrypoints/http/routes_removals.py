"""Deleting an organisation or a territory for good (only once emptied)."""

from fastapi import APIRouter, status

from directory.application import delete_organisation, delete_territory
from directory.entrypoints.http.deps import CallerDep, Ctx
from directory.entrypoints.http.schemas import doc

router = APIRouter(tags=["organisations"])


@router.delete(
    "/api/v1/organisations/{organisation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    description=doc(delete_organisation.delete_organisation),
)
async def remove_organisation(organisation_id: int, ctx: Ctx, caller: CallerDep) -> None:
    await delete_organisation.delete_organisation(ctx, caller, organisation_id)


@router.delete(
    "/api/v1/territories/{territory_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    description=doc(delete_territory.delete_territory),
)
async def remove_territory(territory_id: int, ctx: Ctx, caller: CallerDep) -> None:
    await delete_territory.delete_territory(ctx, caller, territory_id)
