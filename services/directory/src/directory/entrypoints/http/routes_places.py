"""Lieux and motifs of organisations."""

from typing import Annotated

from fastapi import APIRouter, Body, Query, status
from pydantic import BaseModel, Field
from rdv_contracts import directory as dr

from directory.application import bulk_update_motifs, duplicate_motif, lieux, motif_categories, motifs
from directory.application.context import Context
from directory.domain.places import Motif, MotifFilters
from directory.entrypoints.http.deps import CallerDep, Ctx, PageDep
from directory.entrypoints.http.schemas import Meta, Strict, as_contract, doc

router = APIRouter(tags=["lieux et motifs"])


class LieuFields(Strict):
    name: str | None = Field(default=None, examples=["Mairie annexe"])
    address: str | None = Field(default=None, examples=["1 place de la Mairie, 62000 Arras"])
    latitude: float | None = None
    longitude: float | None = None
    phone_number: str | None = None
    availability: dr.LieuAvailability | None = None


class NewLieu(LieuFields):
    name: str
    address: str
    latitude: float
    longitude: float


class MotifFields(Strict):
    service_id: int | None = None
    name: str | None = Field(default=None, examples=["Vaccination"])
    color: str | None = Field(default=None, examples=["#00A2FF"])
    default_duration_in_min: int | None = None
    location_type: dr.LocationType | None = None
    bookable_by: dr.BookableBy | None = None
    min_public_booking_delay: int | None = None
    max_public_booking_delay: int | None = None
    visibility_type: dr.VisibilityType | None = None
    sectorisation_level: dr.SectorisationLevel | None = None
    collectif: bool | None = None
    follow_up: bool | None = None
    for_secretariat: bool | None = None
    restriction_for_rdv: str | None = None
    instruction_for_rdv: str | None = None
    custom_cancel_warning_message: str | None = None
    rdvs_editable_by_user: bool | None = None
    rdvs_cancellable_by_user: bool | None = None
    motif_category_id: int | None = Field(
        default=None, description="A category of the organisation's territory"
    )


class NewMotif(MotifFields):
    service_id: int
    name: str


class BulkMotifs(Strict):
    motif_ids: list[int] = Field(min_length=1)
    changes: MotifFields


async def motifs_out(ctx: Context, found: list[Motif]) -> list[dr.Motif]:
    """Each motif with its category, as the reference API shows it."""
    ids = {m.motif_category_id for m in found if m.motif_category_id is not None}
    categories = await motif_categories.categories_of(ctx, ids) if ids else {}
    return [
        as_contract(dr.Motif, m, motif_category=category and as_contract(dr.MotifCategory, category))
        for m in found
        for category in [categories.get(m.motif_category_id or 0)]
    ]


class LieuOut(BaseModel):
    lieu: dr.Lieu


class MotifOut(BaseModel):
    motif: dr.Motif


@router.get("/api/v1/organisations/{organisation_id}/lieux", description=doc(lieux.list_lieux))
async def list_lieux(organisation_id: int, ctx: Ctx, caller: CallerDep, page: PageDep) -> dict[str, object]:
    found, total = await lieux.list_lieux(ctx, caller, organisation_id, page.offset, page.limit)
    return {"lieux": [as_contract(dr.Lieu, lieu) for lieu in found], "meta": Meta(**page.meta(total))}


@router.post("/api/v1/organisations/{organisation_id}/lieux", status_code=status.HTTP_201_CREATED)
async def create_lieu(organisation_id: int, body: NewLieu, ctx: Ctx, caller: CallerDep) -> LieuOut:
    lieu = await lieux.create_lieu(ctx, caller, organisation_id, body.model_dump(exclude_unset=True))
    return LieuOut(lieu=as_contract(dr.Lieu, lieu))


@router.get("/api/v1/lieux/{lieu_id}")
async def get_lieu(lieu_id: int, ctx: Ctx, caller: CallerDep) -> LieuOut:
    return LieuOut(lieu=as_contract(dr.Lieu, await lieux.get_lieu(ctx, caller, lieu_id)))


@router.patch("/api/v1/lieux/{lieu_id}")
async def update_lieu(lieu_id: int, body: LieuFields, ctx: Ctx, caller: CallerDep) -> LieuOut:
    lieu = await lieux.update_lieu(ctx, caller, lieu_id, body.model_dump(exclude_unset=True))
    return LieuOut(lieu=as_contract(dr.Lieu, lieu))


@router.delete("/api/v1/lieux/{lieu_id}", description=doc(lieux.disable_lieu))
async def disable_lieu(lieu_id: int, ctx: Ctx, caller: CallerDep) -> LieuOut:
    return LieuOut(lieu=as_contract(dr.Lieu, await lieux.disable_lieu(ctx, caller, lieu_id)))


@router.get("/api/v1/organisations/{organisation_id}/motifs", description=doc(motifs.list_motifs))
async def list_motifs(
    organisation_id: int,
    ctx: Ctx,
    caller: CallerDep,
    page: PageDep,
    active: bool | None = Query(default=None),
    service_id: int | None = Query(default=None),
    motif_category_short_name: str | None = Query(default=None, max_length=64),
) -> dict[str, object]:
    filters = MotifFilters(active, service_id, motif_category_short_name)
    found, total = await motifs.list_motifs(ctx, caller, organisation_id, filters, page.offset, page.limit)
    return {"motifs": await motifs_out(ctx, found), "meta": Meta(**page.meta(total))}


@router.post(
    "/api/v1/organisations/{organisation_id}/motifs",
    status_code=status.HTTP_201_CREATED,
    description=doc(motifs.create_motif),
)
async def create_motif(organisation_id: int, body: NewMotif, ctx: Ctx, caller: CallerDep) -> MotifOut:
    motif = await motifs.create_motif(ctx, caller, organisation_id, body.model_dump(exclude_unset=True))
    return MotifOut(motif=(await motifs_out(ctx, [motif]))[0])


@router.get("/api/v1/motifs/{motif_id}")
async def get_motif(motif_id: int, ctx: Ctx, caller: CallerDep) -> MotifOut:
    return MotifOut(motif=(await motifs_out(ctx, [await motifs.get_motif(ctx, caller, motif_id)]))[0])


@router.patch("/api/v1/motifs/{motif_id}")
async def update_motif(motif_id: int, body: MotifFields, ctx: Ctx, caller: CallerDep) -> MotifOut:
    motif = await motifs.update_motif(ctx, caller, motif_id, body.model_dump(exclude_unset=True))
    return MotifOut(motif=(await motifs_out(ctx, [motif]))[0])


@router.delete("/api/v1/motifs/{motif_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_motif(motif_id: int, ctx: Ctx, caller: CallerDep) -> None:
    await motifs.delete_motif(ctx, caller, motif_id)


@router.post(
    "/api/v1/motifs/{motif_id}/duplicate",
    status_code=status.HTTP_201_CREATED,
    description=doc(duplicate_motif.duplicate_motif),
)
async def duplicate(
    motif_id: int, organisation_id: Annotated[int, Body(embed=True)], ctx: Ctx, caller: CallerDep
) -> MotifOut:
    motif = await duplicate_motif.duplicate_motif(ctx, caller, motif_id, organisation_id)
    return MotifOut(motif=(await motifs_out(ctx, [motif]))[0])


@router.patch(
    "/api/v1/territories/{territory_id}/motifs", description=doc(bulk_update_motifs.bulk_update_motifs)
)
async def bulk_update(
    territory_id: int, body: BulkMotifs, ctx: Ctx, caller: CallerDep
) -> dict[str, list[dr.Motif]]:
    changes = body.changes.model_dump(exclude_unset=True)
    updated = await bulk_update_motifs.bulk_update_motifs(ctx, caller, territory_id, body.motif_ids, changes)
    return {"motifs": await motifs_out(ctx, updated)}
