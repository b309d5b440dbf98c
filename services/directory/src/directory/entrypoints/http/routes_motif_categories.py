"""Categories of motifs of a territory."""

from fastapi import APIRouter, status
from pydantic import BaseModel, Field
from rdv_contracts import directory as dr

from directory.application import motif_categories as categories
from directory.entrypoints.http.deps import CallerDep, Ctx, PageDep
from directory.entrypoints.http.schemas import Meta, Strict, as_contract, doc

router = APIRouter(tags=["catégories de motifs"])
PATH = "/api/v1/territories/{territory_id}/motif_categories"


class CategoryFields(Strict):
    name: str | None = Field(default=None, max_length=200, examples=["Orientation RSA"])
    short_name: str | None = Field(default=None, max_length=64, examples=["rsa_orientation"])


class NewCategory(CategoryFields):
    name: str = Field(max_length=200, examples=["Orientation RSA"])
    short_name: str = Field(max_length=64, examples=["rsa_orientation"])


class CategoryOut(BaseModel):
    motif_category: dr.MotifCategory


class CategoriesOut(BaseModel):
    motif_categories: list[dr.MotifCategory]
    meta: Meta


@router.get(PATH, description=doc(categories.list_motif_categories))
async def list_categories(territory_id: int, ctx: Ctx, caller: CallerDep, page: PageDep) -> CategoriesOut:
    found, total = await categories.list_motif_categories(ctx, caller, territory_id, page.offset, page.limit)
    listed = [as_contract(dr.MotifCategory, c) for c in found]
    return CategoriesOut(motif_categories=listed, meta=Meta(**page.meta(total)))


@router.post(PATH, status_code=status.HTTP_201_CREATED)
async def create_category(territory_id: int, body: NewCategory, ctx: Ctx, caller: CallerDep) -> CategoryOut:
    category = await categories.create_motif_category(ctx, caller, territory_id, body.model_dump())
    return CategoryOut(motif_category=as_contract(dr.MotifCategory, category))


@router.get("/api/v1/motif_categories/{category_id}")
async def get_category(category_id: int, ctx: Ctx, caller: CallerDep) -> CategoryOut:
    category = await categories.get_motif_category(ctx, caller, category_id)
    return CategoryOut(motif_category=as_contract(dr.MotifCategory, category))


@router.patch("/api/v1/motif_categories/{category_id}")
async def update_category(category_id: int, body: CategoryFields, ctx: Ctx, caller: CallerDep) -> CategoryOut:
    changes = body.model_dump(exclude_unset=True)
    category = await categories.update_motif_category(ctx, caller, category_id, changes)
    return CategoryOut(motif_category=as_contract(dr.MotifCategory, category))


@router.delete("/api/v1/motif_categories/{category_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_category(category_id: int, ctx: Ctx, caller: CallerDep) -> None:
    await categories.delete_motif_category(ctx, caller, category_id)
