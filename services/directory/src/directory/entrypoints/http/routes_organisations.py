"""Organisations, their API tokens, and territories."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, status
from pydantic import BaseModel
from rdv_contracts import directory as dr

from directory.application import (
    create_api_token as creating,
)
from directory.application import (
    list_api_tokens as listing,
)
from directory.application import (
    organisations,
    territories,
)
from directory.application import (
    revoke_api_token as revoking,
)
from directory.entrypoints.http.deps import CallerDep, Ctx
from directory.entrypoints.http.schemas import Strict, as_contract, doc

router = APIRouter(tags=["organisations"])


class OrganisationFields(Strict):
    name: str | None = None
    external_id: str | None = None
    phone_number: str | None = None
    email: str | None = None
    website: str | None = None
    horaires: str | None = None
    verticale: dr.Verticale | None = None


class NewOrganisation(OrganisationFields):
    territory_id: int
    name: str


class OrganisationOut(BaseModel):
    organisation: dr.Organisation


class OrganisationsOut(BaseModel):
    organisations: list[dr.Organisation]


class TerritoryFields(Strict):
    name: str | None = None
    departement_number: str | None = None
    phone_number: str | None = None
    time_zone: str | None = None
    holiday_subdivision: str | None = None
    open_on_sundays: bool | None = None
    open_on_holidays: bool | None = None
    sms_provider: dr.SmsProvider | None = None
    sms_configuration: str | None = None
    service_ids: list[int] | None = None
    visible_users_throughout_the_territory: bool | None = None
    enable_notes_field: bool | None = None
    enable_caisse_affiliation_field: bool | None = None
    enable_affiliation_number_field: bool | None = None
    enable_family_situation_field: bool | None = None
    enable_number_of_children_field: bool | None = None
    enable_logement_field: bool | None = None
    enable_case_number: bool | None = None
    enable_address_details: bool | None = None
    enable_context_field: bool | None = None


class TerritoryOut(BaseModel):
    territory: dr.Territory


class ApiTokenOut(BaseModel):
    id: int
    organisation_id: int
    name: str
    token: str | None = None


def _org(organisation: Any) -> OrganisationOut:
    return OrganisationOut(organisation=as_contract(dr.Organisation, organisation))


@router.get("/api/v1/organisations", description=doc(organisations.list_organisations))
async def list_organisations(ctx: Ctx, caller: CallerDep) -> OrganisationsOut:
    found = await organisations.list_organisations(ctx, caller)
    return OrganisationsOut(organisations=[as_contract(dr.Organisation, o) for o in found])


@router.post(
    "/api/v1/organisations",
    status_code=status.HTTP_201_CREATED,
    description=doc(organisations.create_organisation),
)
async def create_organisation(body: NewOrganisation, ctx: Ctx, caller: CallerDep) -> OrganisationOut:
    values = body.model_dump(exclude_unset=True, exclude={"territory_id"})
    command = organisations.CreateOrganisation(body.territory_id, values)
    return _org(await organisations.create_organisation(ctx, caller, command))


@router.get("/api/v1/organisations/{organisation_id}")
async def get_organisation(organisation_id: int, ctx: Ctx, caller: CallerDep) -> OrganisationOut:
    return _org(await organisations.get_organisation(ctx, caller, organisation_id))


@router.patch("/api/v1/organisations/{organisation_id}")
async def update_organisation(
    organisation_id: int, body: OrganisationFields, ctx: Ctx, caller: CallerDep
) -> OrganisationOut:
    changes = body.model_dump(exclude_unset=True)
    return _org(await organisations.update_organisation(ctx, caller, organisation_id, changes))


@router.get("/api/v1/territories/{territory_id}", description=doc(territories.update_territory))
async def get_territory(territory_id: int, ctx: Ctx, caller: CallerDep) -> TerritoryOut:
    territory, service_ids = await territories.get_territory(ctx, caller, territory_id)
    return TerritoryOut(territory=as_contract(dr.Territory, territory, service_ids=service_ids))


@router.patch("/api/v1/territories/{territory_id}", description=doc(territories.update_territory))
async def update_territory(
    territory_id: int, body: TerritoryFields, ctx: Ctx, caller: CallerDep
) -> TerritoryOut:
    changes = body.model_dump(exclude_unset=True, exclude={"sms_configuration", "service_ids"})
    await territories.update_territory(
        ctx, caller, territory_id, changes, body.sms_configuration, body.service_ids
    )
    return await get_territory(territory_id, ctx, caller)


@router.get("/api/v1/organisations/{organisation_id}/api_tokens", description=doc(listing.list_api_tokens))
async def list_api_tokens(organisation_id: int, ctx: Ctx, caller: CallerDep) -> dict[str, list[ApiTokenOut]]:
    found = await listing.list_api_tokens(ctx, caller, organisation_id)
    return {
        "api_tokens": [
            ApiTokenOut(id=t.id, organisation_id=t.organisation_id, name=t.name)
            for t in found
            if not t.revoked_at
        ]
    }


@router.post(
    "/api/v1/organisations/{organisation_id}/api_tokens",
    status_code=status.HTTP_201_CREATED,
    description=doc(creating.create_api_token),
)
async def create_api_token(
    organisation_id: int, name: Annotated[str, Body(embed=True)], ctx: Ctx, caller: CallerDep
) -> ApiTokenOut:
    token, secret = await creating.create_api_token(
        ctx, caller, creating.CreateApiToken(organisation_id, name)
    )
    return ApiTokenOut(id=token.id, organisation_id=organisation_id, name=token.name, token=secret)


@router.delete(
    "/api/v1/api_tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    description=doc(revoking.revoke_api_token),
)
async def revoke_api_token(token_id: int, ctx: Ctx, caller: CallerDep) -> None:
    await revoking.revoke_api_token(ctx, caller, token_id)
